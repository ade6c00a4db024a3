/**
 * 销户提取 at the counter (出境定居, 完全丧失劳动能力, 身后一件事): the account clerk finds the
 * account, picks the kind, ticks each document of the kind's checklist seen in the original (the
 * policy data in shared — the server checks the same list), and enters who is paid. The server
 * works out the figures (preview: balance + 销户结息 = the amount); the confirmation says what will
 * happen, and the start sends it to 提取审核 for 初审 and 复核 by two other people.
 */
import { CLOSING_KINDS, formatCurrency, idNumberProblem, type BodyOf, type ClosingKind, type ResponseOf } from '@hpf/shared';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { FieldLabel } from '../components/FieldLabel';

type Account = ResponseOf<'staffAccount'>;
type Preview = ResponseOf<'previewClosingWithdrawal'>;
type Started = ResponseOf<'startClosingWithdrawal'>;

interface Fields {
  kind: ClosingKind;
  documentsSeen: string[];
  payeeName: string;
  payeeIdNumber?: string;
  payeeRelation?: string;
  bankCard: string;
  retiredOn?: string;
}

const KIND_OPTIONS = (Object.keys(CLOSING_KINDS) as ClosingKind[]).map((kind) => ({ value: kind, label: CLOSING_KINDS[kind].label }));

const ACCOUNT_STATE_WORDS: Record<Account['status'], string> = { NORMAL: '正常', SEALED: '封存', CLOSED: '已销户' };

export function ClosingPage() {
  const { modal } = AntApp.useApp();
  const [form] = Form.useForm<Fields>();
  const [accountNo, setAccountNo] = useState('');
  const [account, setAccount] = useState<{ status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: Account } | { status: 'error'; message: string }>({ status: 'idle' });
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);
  const [started, setStarted] = useState<Started>();
  /** Each look-up makes the form anew, even for the same account looked up again. */
  const [lookup, setLookup] = useState(0);
  const kind = Form.useWatch('kind', form);

  const find = async () => {
    setStarted(undefined);
    setError(undefined);
    if (!/^\d{12}$/.test(accountNo.trim())) {
      setAccount({ status: 'error', message: '个人账号应为 12 位数字' });
      return;
    }
    setAccount({ status: 'loading' });
    try {
      const data = await call('staffAccount', { params: { accountNo: accountNo.trim() } });
      // the form is made anew for each look-up (its key), starting from its initial values
      setLookup((n) => n + 1);
      setAccount({ status: 'ready', data });
    } catch (failure) {
      setAccount({ status: 'error', message: messageOf(failure) });
    }
  };

  const changeKind = (next: ClosingKind) => {
    // the documents differ by kind; the payee is the member unless the heir is paid
    if (account.status !== 'ready') return;
    form.setFieldsValue({ documentsSeen: [], payeeName: CLOSING_KINDS[next].payee === 'MEMBER' ? account.data.name : '' });
  };

  const submit = async (fields: Fields) => {
    if (account.status !== 'ready') return;
    setError(undefined);
    const heir = CLOSING_KINDS[fields.kind].payee === 'HEIR';
    const request: BodyOf<'startClosingWithdrawal'> = {
      kind: fields.kind,
      documentsSeen: fields.documentsSeen ?? [],
      payee: {
        name: fields.payeeName.trim(),
        bankCard: fields.bankCard.trim(),
        ...(heir && fields.payeeIdNumber?.trim() ? { idNumber: fields.payeeIdNumber.trim().toUpperCase() } : {}),
        ...(heir && fields.payeeRelation?.trim() ? { relation: fields.payeeRelation.trim() } : {}),
      },
      ...(fields.kind === 'RETIREMENT_WITH_PROOF' && fields.retiredOn?.trim() ? { retiredOn: fields.retiredOn.trim() } : {}),
    };
    const params = { accountNo: account.data.accountNo };
    setChecking(true);
    let figures: Preview;
    try {
      figures = await call('previewClosingWithdrawal', { params, body: request });
    } catch (failure) {
      setError(messageOf(failure));
      return;
    } finally {
      setChecking(false);
    }
    modal.confirm({
      title: `确认办理${figures.kindLabel}`,
      width: 560,
      content: (
        <div data-testid="closing-confirm">
          <p>
            将把 {figures.memberName}（{figures.accountNo}）账户里的钱全部提取，付款后<strong>账户销户</strong>：
          </p>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'balance', label: '账户余额', children: formatCurrency(figures.balanceFen) },
              { key: 'interest', label: `销户结息（计至 ${figures.closingDate} 前一日）`, children: formatCurrency(figures.closingInterestFen) },
              ...(figures.loanRepaymentFen > 0 ? [{ key: 'loan', label: '先偿还公积金贷款', children: `− ${formatCurrency(figures.loanRepaymentFen)}` }] : []),
              { key: 'payout', label: '提取金额', children: <strong data-testid="closing-confirm-amount">{formatCurrency(figures.payoutFen)}</strong> },
              { key: 'payee', label: '收款人', children: `${figures.payeeName}${figures.payeeRelation ? `（${figures.payeeRelation}）` : ''}` },
              { key: 'card', label: '收款银行卡', children: figures.bankCardMasked },
            ]}
          />
          <p style={{ marginTop: 12, marginBottom: 4 }}>接下来：</p>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {figures.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      ),
      okText: '确认，提交审核',
      cancelText: '再看看',
      onOk: async () => {
        try {
          setStarted(await call('startClosingWithdrawal', { params, body: request }));
          setAccount({ status: 'idle' });
          setAccountNo('');
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  };

  const policy = kind ? CLOSING_KINDS[kind] : undefined;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        销户提取
      </Typography.Title>
      <Typography.Paragraph type="secondary">出境定居、完全丧失劳动能力、身后一件事（职工死亡，继承人提取），以及人社查不到退休记录的离退休提取（凭退休证明）：核验材料原件，登记收款人，提交后由两位审核人员初审、复核，通过后付款并销户。</Typography.Paragraph>
      {started && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          data-testid="closing-started"
          title={`已提交审核：${started.memberName}（${started.accountNo}）${started.kindLabel}，提取 ${formatCurrency(started.payoutFen)} 到 ${started.payeeName} 的银行卡 ${started.bankCardMasked}。申请编号 ${started.applicationId}，请审核人员在“提取审核”中初审、复核。`}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <FieldLabel htmlFor="closing-account-no">个人账号</FieldLabel>
        <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
          <Input id="closing-account-no" value={accountNo} onChange={(e) => setAccountNo(e.target.value)} onPressEnter={find} maxLength={12} inputMode="numeric" data-testid="closing-account-no" />
          <Button type="primary" onClick={find} data-testid="closing-find">
            查询账户
          </Button>
        </Space.Compact>
        {account.status === 'loading' && <Spin description="正在查询账户…" style={{ display: 'block', marginTop: 16 }} />}
        {account.status === 'error' && <Alert type="error" showIcon role="alert" title={account.message} style={{ marginTop: 16 }} data-testid="closing-account-error" />}
        {account.status === 'idle' && !started && <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>请输入要办理销户提取的个人账号。</Typography.Paragraph>}
        {account.status === 'ready' && (
          <Descriptions
            style={{ marginTop: 16 }}
            size="small"
            bordered
            column={2}
            data-testid="closing-account"
            items={[
              { key: 'name', label: '姓名', children: account.data.name },
              { key: 'id', label: '身份证号', children: account.data.idNumberMasked },
              { key: 'employer', label: '单位', children: account.data.employer },
              { key: 'state', label: '账户状态', children: `${ACCOUNT_STATE_WORDS[account.data.status]}${account.data.frozen ? '（已冻结）' : ''}` },
              { key: 'balance', label: '余额', children: formatCurrency(account.data.balanceFen) },
            ]}
          />
        )}
      </Card>

      {account.status === 'ready' && account.data.status === 'CLOSED' && (
        <Alert type="info" showIcon role="status" data-testid="closing-account-closed" title="这个账户已销户，余额为零，不能再办理销户提取。" />
      )}
      {account.status === 'ready' && account.data.status !== 'CLOSED' && (
        <Card>
          {account.data.frozen && <Alert type="warning" showIcon title="这个账户已被冻结（如法院冻结），冻结解除前不能办理销户提取。" style={{ marginBottom: 16 }} />}
          <Form<Fields>
            key={lookup}
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            style={{ maxWidth: 760 }}
            initialValues={{ kind: 'EMIGRATION', documentsSeen: [], payeeName: account.data.name }}
          >
            <div data-testid="closing-kind">
              <Form.Item name="kind" label="销户提取类型" rules={[{ required: true, message: '请选择销户提取的类型' }]}>
                <Radio.Group options={KIND_OPTIONS} onChange={(e) => changeKind(e.target.value as ClosingKind)} />
              </Form.Item>
            </div>
            {policy && <Typography.Paragraph type="secondary">适用：{policy.when}</Typography.Paragraph>}
            {policy && (
              <div data-testid="closing-documents">
              <Form.Item
                name="documentsSeen"
                label="已核验的材料原件（必需的都要勾选）"
                rules={[
                  {
                    validator: async (_, seen: string[] = []) => {
                      const missing = policy.documents.filter((doc) => doc.required && !seen.includes(doc.id));
                      if (missing.length) throw new Error(`还缺少：${missing.map((doc) => doc.label).join('、')}`);
                    },
                  },
                ]}
              >
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  {policy.documents.map((doc) => (
                    <Checkbox key={doc.id} value={doc.id}>
                      {doc.label}
                      {doc.required ? '' : '（如有）'}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
              </div>
            )}
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 24 }}>
              <Form.Item name="payeeName" label={policy?.payee === 'HEIR' ? '继承人姓名' : '收款人（职工本人）'} rules={[{ required: true, min: 2, message: '请填写收款人姓名' }]}>
                <Input maxLength={40} disabled={policy?.payee === 'MEMBER'} data-testid="closing-payee-name" />
              </Form.Item>
              <Form.Item name="bankCard" label={policy?.payee === 'HEIR' ? '继承人银行卡号' : '职工本人银行卡号'} rules={[{ required: true, pattern: /^\d{12,19}$/, message: '银行卡号应为 12 到 19 位数字' }]}>
                <Input maxLength={19} inputMode="numeric" data-testid="closing-bank-card" />
              </Form.Item>
              {policy?.payee === 'HEIR' && (
                <>
                  <Form.Item
                    name="payeeIdNumber"
                    label="继承人身份证号"
                    rules={[{ required: true, validator: async (_, value: string) => { const problem = idNumberProblem(value ?? ''); if (problem) throw new Error(problem); } }]}
                  >
                    <Input maxLength={18} data-testid="closing-heir-id" />
                  </Form.Item>
                  <Form.Item name="payeeRelation" label="与职工的关系（如配偶、子女）">
                    <Input maxLength={20} data-testid="closing-heir-relation" />
                  </Form.Item>
                </>
              )}
              {kind === 'RETIREMENT_WITH_PROOF' && (
                <Form.Item name="retiredOn" label="退休日期（按退休证明）" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按退休证明填写退休日期，如 2026-03-01' }]}>
                  <Input maxLength={10} placeholder="如 2026-03-01" data-testid="closing-retired-on" />
                </Form.Item>
              )}
            </div>
            {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} data-testid="closing-error" />}
            <Button type="primary" htmlType="submit" loading={checking} disabled={account.data.frozen} data-testid="closing-submit">
              核对金额
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
