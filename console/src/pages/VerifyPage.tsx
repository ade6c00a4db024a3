/**
 * 扫码核验 at a counter with a scanner gun: the gun types the QR's link and presses Enter; the
 * answer shows, the field clears and keeps the focus for the next person. Pasting a link works too.
 * Below it, a visitor without the code is found by account or ID number (CertificateLookup).
 */
import type { VerifyResponse } from '@hpf/shared';
import { cleanScan, formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { Alert, Card, Input, Spin, Table, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CertificateAnswer } from '../components/CertificateAnswer';
import { CertificateLookup } from '../components/CertificateLookup';
import { FieldLabel } from '../components/FieldLabel';
import { RevokeCertificate } from '../components/RevokeCertificate';
import { call, messageOf } from '../lib/api';

interface Scan {
  key: number;
  checkedAt: string;
  answer: VerifyResponse;
}

const KEPT_SCANS = 20;

export function VerifyPage() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [scans, setScans] = useState<Scan[]>([]);
  const field = useRef<InputRef>(null);
  const counter = useRef(0);

  const verify = async () => {
    // a code scanned while the last one is still being checked waits in the field for its Enter
    if (busy) return;
    const payload = cleanScan(text);
    setText('');
    if (!payload) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await call('verifyCertificate', { body: { payload } });
      counter.current += 1;
      setScans((previous) => [{ key: counter.current, checkedAt: answer.checkedAt, answer }, ...previous].slice(0, KEPT_SCANS));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      field.current?.focus();
    }
  };

  // the field is where the gun types: focused on arrival, not only through autoFocus (a remount
  // or the menu click that opened the page can take it)
  useEffect(() => {
    field.current?.focus();
  }, []);

  const latest = scans[0];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        扫码核验
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <FieldLabel htmlFor="scan-field">证明二维码</FieldLabel>
        <Input
          id="scan-field"
          ref={field}
          size="large"
          autoFocus
          autoComplete="off"
          value={text}
          suffix={busy ? <Spin size="small" aria-label="正在核验" /> : <span />}
          onChange={(event) => setText(event.target.value)}
          onPressEnter={() => void verify()}
          placeholder="用扫码枪扫描职工手机上的证明二维码，或粘贴证明链接后按回车"
          data-testid="scan-field"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          扫描后自动核验，输入框随即清空，可接着扫下一位。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="verify-error" />}
      {latest ? (
        <>
          <CertificateAnswer key={latest.key} answer={latest.answer} />
          {latest.answer.result === 'valid' && latest.answer.certificate && (
            <RevokeCertificate key={`revoke-${latest.key}`} certificate={latest.answer.certificate} holder={String(latest.answer.certificate.facts.holderName ?? '')} />
          )}
        </>
      ) : (
        !error && <Alert type="info" title="还没有核验记录。请扫描证明二维码。" data-testid="verify-empty" />
      )}
      {scans.length > 0 && (
        <Card size="small" title="本次登录的核验记录" style={{ marginTop: 16 }}>
          <Table<Scan>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={scans}
            columns={[
              { title: '时间', dataIndex: 'checkedAt', render: (value: string) => formatChinaTime(value) },
              { title: '证明', render: (_, scan) => scan.answer.certificate?.typeLabel ?? '—' },
              { title: '姓名', render: (_, scan) => scan.answer.certificate?.facts.holderName ?? '—' },
              { title: '结果', render: (_, scan) => scan.answer.resultLabel },
            ]}
          />
        </Card>
      )}
      <CertificateLookup />
    </>
  );
}
