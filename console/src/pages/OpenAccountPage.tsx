/**
 * 开户 at the counter: the base typed in 元 and the rates in %, as the employer's form gives them;
 * the API keeps fen and basis points, and the shared helpers (parseYuan, parsePercent) convert —
 * never float arithmetic. What will be opened is shown and confirmed before it is sent.
 */
import { chinaDate, formatCurrency, idNumberProblem, mobileProblem, parseYuan, type BodyOf, type ResponseOf } from '@hpf/shared';
import { formatRate, parsePercent } from '@hpf/shared/src/display/format';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';

type Opened = ResponseOf<'openAccount'>;

interface Fields {
  accountNo: string;
  name: string;
  idNumber: string;
  phone: string;
  bankCard?: string;
  employer: string;
  openedOn: string;
  baseYuan: string;
  unitPercent: string;
  personalPercent: string;
}

const yuanRule = { validator: async (_: unknown, value: string) => {
  const fen = parseYuan(value ?? '');
  if (fen === undefined || fen <= 0) throw new Error('请按元填写缴存基数，最多两位小数，例如 8000 或 8000.50');
} };
const percentRule = { validator: async (_: unknown, value: string) => {
  if (parsePercent(value ?? '') === undefined) throw new Error('请按 % 填写比例，最多两位小数，例如 12 或 7.5');
} };

export function OpenAccountPage() {
  const { modal } = AntApp.useApp();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<string>();
  const [opened, setOpened] = useState<Opened>();

  const submit = (fields: Fields) => {
    setError(undefined);
    setOpened(undefined);
    const request: BodyOf<'openAccount'> = {
      accountNo: fields.accountNo.trim(),
      name: fields.name.trim(),
      idNumber: fields.idNumber.trim().toUpperCase(),
      phone: fields.phone.trim(),
      ...(fields.bankCard?.trim() ? { bankCard: fields.bankCard.trim() } : {}),
      employer: fields.employer.trim(),
      openedOn: fields.openedOn.trim(),
      depositBaseFen: parseYuan(fields.baseYuan)!,
      unitRateBasisPoints: parsePercent(fields.unitPercent)!,
      personalRateBasisPoints: parsePercent(fields.personalPercent)!,
    };
    modal.confirm({
      title: '确认开户',
      width: 520,
      content: (
        <div data-testid="open-confirm">
          <p>将为以下职工开立公积金账户：</p>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'no', label: '个人账号', children: request.accountNo },
              { key: 'name', label: '姓名', children: request.name },
              { key: 'employer', label: '单位', children: request.employer },
              { key: 'openedOn', label: '开户日期', children: request.openedOn },
              { key: 'base', label: '缴存基数', children: formatCurrency(request.depositBaseFen) },
              { key: 'rates', label: '缴存比例（单位 / 个人）', children: `${formatRate(request.unitRateBasisPoints)} / ${formatRate(request.personalRateBasisPoints)}` },
            ]}
          />
        </div>
      ),
      okText: '确认开户',
      cancelText: '再看看',
      onOk: async () => {
        try {
          setOpened(await call('openAccount', { body: request }));
          form.resetFields();
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        开户
      </Typography.Title>
      {opened && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          data-testid="open-done"
          title={`已开户：${opened.name}（${opened.accountNo}），缴存基数 ${formatCurrency(opened.depositBaseFen)}，比例 ${formatRate(opened.unitRateBasisPoints)} / ${formatRate(opened.personalRateBasisPoints)}。`}
        />
      )}
      <Card>
        <Form<Fields>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ openedOn: chinaDate(new Date()) }}
          style={{ maxWidth: 720 }}
          requiredMark={false}
        >
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 24 }}>
            <Form.Item name="accountNo" label="个人账号" rules={[{ required: true, pattern: /^\d{12}$/, message: '个人账号应为 12 位数字' }]}>
              <Input maxLength={12} inputMode="numeric" data-testid="open-account-no" />
            </Form.Item>
            <Form.Item name="name" label="姓名" rules={[{ required: true, min: 2, message: '请填写姓名' }]}>
              <Input maxLength={30} data-testid="open-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号"
              rules={[{ required: true, validator: async (_, value: string) => { const problem = idNumberProblem(value ?? ''); if (problem) throw new Error(problem); } }]}
            >
              <Input maxLength={18} data-testid="open-id-number" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="手机号"
              rules={[{ required: true, validator: async (_, value: string) => { const problem = mobileProblem(value ?? ''); if (problem) throw new Error(problem); } }]}
            >
              <Input maxLength={11} inputMode="numeric" data-testid="open-phone" />
            </Form.Item>
            <Form.Item name="bankCard" label="银行卡号（提取时收款，可不填）" rules={[{ pattern: /^\d{12,19}$/, message: '银行卡号应为 12 到 19 位数字' }]}>
              <Input maxLength={19} inputMode="numeric" data-testid="open-bank-card" />
            </Form.Item>
            <Form.Item name="employer" label="单位名称" rules={[{ required: true, min: 2, message: '请填写单位名称' }]}>
              <Input maxLength={60} data-testid="open-employer" />
            </Form.Item>
            <Form.Item name="openedOn" label="开户日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 2026-12-01 的格式填写日期' }]}>
              <Input maxLength={10} data-testid="open-opened-on" />
            </Form.Item>
            <Form.Item name="baseYuan" label="缴存基数（元）" rules={[{ required: true, message: '请填写缴存基数' }, yuanRule]}>
              <Input inputMode="decimal" suffix="元" placeholder="例如 8000.50" data-testid="open-base" />
            </Form.Item>
            <Form.Item name="unitPercent" label="单位缴存比例（%）" rules={[{ required: true, message: '请填写单位缴存比例' }, percentRule]}>
              <Input inputMode="decimal" suffix="%" placeholder="例如 12" data-testid="open-unit-rate" />
            </Form.Item>
            <Form.Item name="personalPercent" label="个人缴存比例（%）" rules={[{ required: true, message: '请填写个人缴存比例' }, percentRule]}>
              <Input inputMode="decimal" suffix="%" placeholder="例如 7.5" data-testid="open-personal-rate" />
            </Form.Item>
          </div>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} data-testid="open-error" />}
          <Button type="primary" htmlType="submit" data-testid="open-submit">
            开户
          </Button>
        </Form>
      </Card>
    </>
  );
}
