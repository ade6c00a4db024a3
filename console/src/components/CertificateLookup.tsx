/**
 * 电子证明 look-up without a code: a visitor with no QR in hand (phone flat, forgot it) is found by
 * account number or ID number; each certificate issued shows with its kind, issue time and state
 * now, and one still valid can be revoked with the reason (the same revocation as after a scan).
 */
import { routes, type ResponseOf } from '@hpf/shared';
import { formatChinaTime, STATUS_LABELS } from '@hpf/shared/src/display/certificate-facts';
import { Alert, Button, Card, Empty, Input, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { currentSession } from '../lib/session';
import { RevokeCertificate } from './RevokeCertificate';

type Found = ResponseOf<'staffCertificates'>;
type Certificate = Found['certificates'][number];
type By = 'accountNo' | 'idNumber';

const BY: { value: By; label: string }[] = [
  { value: 'accountNo', label: '按个人账号' },
  { value: 'idNumber', label: '按身份证号' },
];

/** The state in words; a valid one whose facts changed since issue says so (the reader should know). */
function StateTag({ certificate }: { certificate: Certificate }) {
  if (certificate.status === 'ACTIVE' && certificate.changes.length > 0) return <Tag color="#ad4e00" variant="solid">有效（内容已有变化）</Tag>;
  const colour = certificate.status === 'ACTIVE' ? '#237804' : certificate.status === 'REVOKED' ? '#a8071a' : '#595959';
  return (
    <Tag color={colour} variant="solid">
      {STATUS_LABELS[certificate.status]}
    </Tag>
  );
}

export function CertificateLookup() {
  const roles = currentSession()?.roles ?? [];
  // offered only to the roles the route lets look members up (reviewers verify codes only)
  if (!roles.some((role) => (routes.staffCertificates.roles as readonly string[]).includes(role))) return null;
  return <Lookup />;
}

function Lookup() {
  const [by, setBy] = useState<By>('accountNo');
  const [text, setText] = useState('');
  const [state, setState] = useState<{ status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; found: Found }>({ status: 'idle' });
  const [revoking, setRevoking] = useState<string>();
  const [revokedNote, setRevokedNote] = useState<string>();
  const mayRevoke = (currentSession()?.roles ?? []).some((role) => (routes.staffRevokeCertificate.roles as readonly string[]).includes(role));

  const find = async (afterRevoking?: string) => {
    setRevokedNote(afterRevoking);
    const value = text.replace(/\s+/g, '').toUpperCase();
    if (by === 'accountNo' && !/^\d{12}$/.test(value)) return setState({ status: 'error', message: '个人账号应为 12 位数字。' });
    if (by === 'idNumber' && value.length !== 18) return setState({ status: 'error', message: '身份证号应为 18 位。' });
    setState({ status: 'loading' });
    setRevoking(undefined);
    try {
      const found = await call('staffCertificates', { body: by === 'accountNo' ? { accountNo: value } : { idNumber: value } });
      setState({ status: 'ready', found });
    } catch (failure) {
      setState({ status: 'error', message: messageOf(failure) });
    }
  };

  const found = state.status === 'ready' ? state.found : undefined;
  const chosen = found?.certificates.find((certificate) => certificate.certificateId === revoking);
  return (
    <Card title="没有二维码时：查找职工的证明" style={{ marginTop: 16 }} data-testid="lookup">
      <Typography.Paragraph type="secondary">职工手机不在身边或打不开证明时，按个人账号或身份证号查他开具过的证明。身份证号只用于查找，不会保存。</Typography.Paragraph>
      <Space wrap align="end">
        <span>
          <span id="lookup-by-label" style={{ display: 'block', marginBottom: 4 }}>
            查找方式
          </span>
          <Segmented<By>
            aria-labelledby="lookup-by-label"
            options={BY}
            value={by}
            onChange={(next) => {
              setBy(next);
              setText('');
              setState({ status: 'idle' });
            }}
            data-testid="lookup-by"
          />
        </span>
        <span>
          <label htmlFor="lookup-field" style={{ display: 'block', marginBottom: 4 }}>
            {by === 'accountNo' ? '个人账号' : '身份证号'}
          </label>
          <Input
            id="lookup-field"
            value={text}
            autoComplete="off"
            maxLength={by === 'accountNo' ? 14 : 20}
            style={{ width: 260 }}
            placeholder={by === 'accountNo' ? '12 位个人账号' : '18 位身份证号'}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => void find()}
          />
        </span>
        <Button type="primary" onClick={() => void find()} loading={state.status === 'loading'} data-testid="lookup-submit">
          查找证明
        </Button>
      </Space>
      <div style={{ marginTop: 16 }} aria-live="polite">
        {state.status === 'loading' && <Spin description="正在查找…" />}
        {state.status === 'error' && <Alert type="error" showIcon role="alert" title={state.message} data-testid="lookup-error" />}
        {found && !found.holder && <Empty description="没有找到这位职工。请核对号码后再查。" data-testid="lookup-empty" />}
        {revokedNote && <Alert type="success" showIcon role="status" title={revokedNote} style={{ marginBottom: 12 }} data-testid="lookup-revoked" />}
        {found?.holder && (
          <>
            <p data-testid="lookup-holder">
              {found.holder.name}，个人账号 {found.holder.accountNo}，身份证号 {found.holder.idNumberMasked}
            </p>
            {found.certificates.length === 0 ? (
              <Empty description="这位职工还没有开具过电子证明。" data-testid="lookup-empty" />
            ) : (
              <Table<Certificate>
                size="small"
                rowKey="certificateId"
                pagination={false}
                dataSource={found.certificates}
                data-testid="lookup-table"
                columns={[
                  { title: '证明', render: (_, c) => `${c.typeLabel}（${c.purposeLabel}）` },
                  { title: '开具时间', dataIndex: 'issuedAt', render: (at: string) => formatChinaTime(at) },
                  { title: '有效期至', dataIndex: 'expiresAt', render: (at: string) => formatChinaTime(at) },
                  { title: '状态', render: (_, c) => <StateTag certificate={c} /> },
                  {
                    title: '撤销情况',
                    render: (_, c) => (c.revokedAt ? `${formatChinaTime(c.revokedAt)} ${c.revokedBy ?? ''}：${c.revokeReason ?? '—'}` : '—'),
                  },
                  ...(mayRevoke
                    ? [
                        {
                          title: '操作',
                          render: (_: unknown, c: Certificate) =>
                            c.status === 'ACTIVE' ? (
                              <Button type="link" onClick={() => setRevoking(c.certificateId)} aria-label={`撤销 ${c.typeLabel} ${formatChinaTime(c.issuedAt)} 开具`}>
                                撤销
                              </Button>
                            ) : (
                              '—'
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
            {chosen && (
              <RevokeCertificate
                key={chosen.certificateId}
                certificate={chosen}
                holder={found.holder.name}
                onRevoked={() => {
                  // read again: the list shows it 已撤销 with the reason just given
                  void find(`已撤销：${found.holder!.name}的${chosen.typeLabel}，再核验会显示已撤销。`);
                }}
              />
            )}
          </>
        )}
      </div>
    </Card>
  );
}
