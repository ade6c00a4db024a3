/** One verify answer as the counter reads it: the verdict in words and a mark, then the facts. */
import { formatCurrency, type VerifyResponse } from '@hpf/shared';
import { certificateTimes, factRows, VERDICT_MARKS, type FactValue } from '@hpf/shared/src/display/certificate-facts';
import { Alert, Card, Descriptions, List } from 'antd';

const ALERT_TYPE: Record<VerifyResponse['result'], 'success' | 'warning' | 'error'> = {
  valid: 'success',
  changed: 'warning',
  expired: 'warning',
  revoked: 'error',
  invalid: 'error',
};

function valueText(value: FactValue): string {
  return 'text' in value ? value.text : `${value.before ?? ''}${formatCurrency(value.fen)}${value.after ?? ''}`;
}

export function CertificateAnswer({ answer }: { answer: VerifyResponse }) {
  const certificate = answer.certificate;
  return (
    <section aria-label="核验结果" data-testid="verify-answer" data-result={answer.result}>
      <Alert
        type={ALERT_TYPE[answer.result]}
        showIcon
        title={
          <span style={{ fontSize: 20, fontWeight: 600 }} data-testid="verify-verdict">
            {VERDICT_MARKS[answer.result]} {answer.resultLabel}
            {certificate ? `：${certificate.typeLabel}（${certificate.purposeLabel}）` : ''}
          </span>
        }
        description={answer.explanation}
        style={{ marginBottom: 16 }}
      />
      {certificate && (
        <Card size="small" title="证明内容" extra={answer.checkedBy ? `核验人：${answer.checkedBy}` : undefined}>
          {certificate.changes.length > 0 && (
            <List
              size="small"
              header={<strong>开具后已变化</strong>}
              dataSource={certificate.changes}
              renderItem={(change) => <List.Item data-testid="verify-change">{change.label}</List.Item>}
              style={{ marginBottom: 12 }}
            />
          )}
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="verify-times"
            items={certificateTimes(certificate).map((time) => ({ key: time.key, label: time.label, children: time.text }))}
            style={{ marginBottom: 12 }}
          />
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="verify-facts"
            items={factRows(certificate.facts).map((row) => ({ key: row.key, label: row.label, children: valueText(row.value) }))}
          />
        </Card>
      )}
    </section>
  );
}
