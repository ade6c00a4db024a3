/**
 * 日清日结: one accounting day, each of the centre's bank accounts — whether the bank's statement
 * and the books agree, the unmatched items (未达账项) with their likely cause and age, a note on
 * each — and the day's close: proposed by one person, approved by another. The statements are
 * imported each morning by a job; nothing here calls the bank.
 */
import { chinaDate, formatCurrency, type ResponseOf } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { Alert, App as AntApp, Button, Card, DatePicker, Empty, Input, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { useLoad } from '../lib/use-load';

type DayView = ResponseOf<'reconciliationDay'>;
type Bank = DayView['banks'][number];
type Item = Bank['unmatched'][number];

const fen = (value: number | undefined) => (value === undefined ? '—' : formatCurrency(value));

/** Yesterday in China: the last day a bank's statement can be complete. */
const chinaYesterday = (): Dayjs => dayjs(chinaDate(new Date(Date.now() - 86_400_000)));

function NoteCell({ date, bank, item, locked, onSaved }: { date: string; bank: Bank; item: Item; locked: boolean; onSaved: (view: DayView) => void }) {
  const { message } = AntApp.useApp();
  const [text, setText] = useState(item.note?.text ?? '');
  const [busy, setBusy] = useState(false);
  if (locked) return <span>{item.note ? `${item.note.text}（${item.note.byLabel ?? item.note.by}）` : '—'}</span>;
  const label = `${item.causeLabel} ${item.reference ?? ''}`;
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={text} onChange={(event) => setText(event.target.value)} placeholder="写明原因，如：银行确认未付款" aria-label={`说明：${label}`} maxLength={300} />
      <Button
        loading={busy}
        aria-label={`保存说明：${label}`}
        onClick={async () => {
          setBusy(true);
          try {
            onSaved(await call('reconciliationNote', { params: { date }, body: { bankAccountNo: bank.bankAccountNo, itemKey: item.key, text } }));
            void message.success('说明已保存。');
          } catch (failure) {
            void message.error(messageOf(failure));
          } finally {
            setBusy(false);
          }
        }}
      >
        保存说明
      </Button>
    </Space.Compact>
  );
}

function BankCard({ view, bank, onSaved }: { view: DayView; bank: Bank; onSaved: (view: DayView) => void }) {
  const locked = view.close !== null;
  return (
    <Card
      title={`${bank.bank} ${bank.roleLabel} ${bank.bankAccountNo}`}
      extra={<Typography.Text strong>{bank.statusLabel}</Typography.Text>}
      data-testid={`bank-${bank.bankAccountNo}`}
    >
      {!bank.imported ? (
        <Empty description="这一天的对账单还没有导入（每天上午 9 点自动导入前一天的）。" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            期初 {fen(bank.openingFen)}，期末 {fen(bank.closingFen)}，已对上 {bank.matchedCount} 笔。
          </Typography.Text>
          {bank.unmatched.length === 0 ? (
            <Typography.Text>没有未达账项。</Typography.Text>
          ) : (
            <Table<Item>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={bank.unmatched}
              caption="未达账项"
              columns={[
                { title: '原因', dataIndex: 'causeLabel' },
                { title: '业务号', render: (_, item) => item.reference ?? '—' },
                { title: '账上金额', render: (_, item) => fen(item.bookFen) },
                { title: '银行金额', render: (_, item) => fen(item.statementFen) },
                { title: '已过天数', render: (_, item) => (item.ageDays === undefined ? '—' : `${item.ageDays} 天`) },
                { title: '说明', width: 360, render: (_, item) => <NoteCell date={view.date} bank={bank} item={item} locked={locked} onSaved={onSaved} /> },
              ]}
            />
          )}
          {bank.inTransit.length > 0 && (
            <Typography.Text type="secondary">
              在途 {bank.inTransit.length} 笔（账上已记、银行还没有显示，{bank.inTransit.map((m) => `${m.kindLabel} ${formatCurrency(m.amountFen)}`).join('，')}）。
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

export function ReconciliationPage() {
  const { message } = AntApp.useApp();
  // the centre's business day is China's, whatever zone the browser is in (dayjs() is the browser's)
  const [day, setDay] = useState<Dayjs>(chinaYesterday);
  const date = day.format('YYYY-MM-DD');
  const [state, reload] = useLoad(() => call('reconciliationDay', { params: { date } }), [date]);
  const [fresh, setFresh] = useState<DayView | undefined>();
  const view = fresh?.date === date ? fresh : state.status === 'ready' ? state.data : undefined;
  const act = async (name: 'proposeDayClose' | 'approveDayClose', done: string) => {
    try {
      setFresh(await call(name, { params: { date } }));
      void message.success(done);
    } catch (failure) {
      void message.error(messageOf(failure));
    }
  };
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        日清日结
      </Typography.Title>
      <Typography.Paragraph>
        每天核对银行对账单和账上的发生额。每个银行账户都对平，或每笔未达账项都写明了原因，才能提交日结；日结由另一位工作人员复核，日结后这一天不再接受补记。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="recon-date">对账日期</label>
        <DatePicker id="recon-date" value={day} allowClear={false} maxDate={chinaYesterday()} onChange={(next) => next && (setFresh(undefined), setDay(next))} data-testid="recon-date" />
      </Space>
      {state.status === 'loading' && !view && <Spin description="正在读取对账结果…" />}
      {state.status === 'error' && <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />}
      {view && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Card data-testid="day-close">
            {view.close ? (
              <Space direction="vertical">
                <Typography.Text strong>{view.close.statusLabel}</Typography.Text>
                <Typography.Text>
                  {view.close.proposedByLabel} 于 {formatChinaTime(view.close.proposedAt)} 提交
                  {view.close.closedByLabel && view.close.closedAt ? `，${view.close.closedByLabel} 于 ${formatChinaTime(view.close.closedAt)} 复核通过` : ''}。
                </Typography.Text>
                {view.close.status === 'PROPOSED' && (
                  <Popconfirm title="复核日结" description="确认这一天已核对无误？日结后这一天不再接受补记。" okText="确认日结" cancelText="取消" onConfirm={() => act('approveDayClose', '已日结。')}>
                    <Button type="primary">复核日结</Button>
                  </Popconfirm>
                )}
              </Space>
            ) : (
              <Space>
                <Typography.Text>{view.closable ? '这一天可以提交日结。' : '还不能日结：要等每个银行账户都对平，或每笔未达账项都写明原因。'}</Typography.Text>
                <Popconfirm title="提交日结" description="提交后由另一位工作人员复核；提交后说明不能再改。" okText="确认提交" cancelText="取消" onConfirm={() => act('proposeDayClose', '已提交日结，请另一位工作人员复核。')}>
                  <Button type="primary" disabled={!view.closable}>
                    提交日结
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </Card>
          {view.banks.map((bank) => (
            <BankCard key={bank.bankAccountNo} view={view} bank={bank} onSaved={setFresh} />
          ))}
        </Space>
      )}
    </>
  );
}
