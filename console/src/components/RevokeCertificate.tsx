/**
 * Staff revocation of a certificate just verified or found by look-up (a forged use reported, facts found wrong): the
 * reason is required, and what revoking does is shown and confirmed before it is sent.
 */
import { routes } from '@hpf/shared';
import { Alert, App as AntApp, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { currentSession } from '../lib/session';

/** What the form needs of a certificate: one verified by its code, or one found by look-up. */
type Certificate = { certificateId: string; typeLabel: string };

export function RevokeCertificate({ certificate, holder, onRevoked }: { certificate: Certificate; holder: string; onRevoked?: () => void }) {
  const { modal } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [revoked, setRevoked] = useState(false);
  const allowed = (currentSession()?.roles ?? []).some((role) => (routes.staffRevokeCertificate.roles as readonly string[]).includes(role));
  if (!allowed) return null;
  if (revoked) return <Alert type="success" showIcon role="status" title={`已撤销：${holder}的${certificate.typeLabel}，再扫描会显示已撤销。`} style={{ marginTop: 16 }} data-testid="revoke-done" />;

  const ask = () => {
    if (reason.trim().length < 2) return setError('请先写明撤销原因（至少 2 个字）。');
    setError(undefined);
    modal.confirm({
      title: `撤销证明：${holder}的${certificate.typeLabel}`,
      content: (
        <div data-testid="revoke-confirm">
          <p>撤销后这份证明立即失效，任何人再核验都会看到“已撤销”，不能恢复；职工可以重新开具。</p>
          <p>撤销原因：{reason.trim()}</p>
        </div>
      ),
      okText: '确认撤销',
      okButtonProps: { danger: true },
      cancelText: '再看看',
      onOk: async () => {
        try {
          await call('staffRevokeCertificate', { params: { certificateId: certificate.certificateId }, body: { reason: reason.trim() } });
          setRevoked(true);
          onRevoked?.();
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  };

  return (
    <Card size="small" title="撤销这份证明" style={{ marginTop: 16 }} data-testid="revoke-form">
      <label htmlFor="revoke-reason" style={{ display: 'block', marginBottom: 8 }}>
        撤销原因
      </label>
      <Space wrap>
        <Input id="revoke-reason" value={reason} maxLength={200} style={{ width: 420 }} placeholder="例如：职工报告证明被他人冒用" onChange={(event) => setReason(event.target.value)} data-testid="revoke-reason" />
        <Button danger onClick={ask} data-testid="revoke-submit">
          撤销证明
        </Button>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}
