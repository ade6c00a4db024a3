/**
 * 缴存入账 for the deposit clerk: the bank's CSV dropped in → every row checked before anything is
 * posted (a bad row is shown, never rejects the file) → the good lines posted in chunks with
 * progress → the result of each line by its file row and line number, downloadable.
 */
import {
  formatCurrency,
  parseDepositCsv,
  type DepositCsvError,
  type DepositLine,
  type DepositLineResult,
  type DepositPreviewLine,
} from '@hpf/shared';
import { Alert, App as AntApp, Button, Card, Input, Progress, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { FieldLabel } from '../components/FieldLabel';
import { call, messageOf } from '../lib/api';

/** Lines per request: small enough to show progress and stay far inside one invocation's time. */
const CHUNK = 1000;

interface Row {
  row: number;
  line?: DepositLine;
  formatError?: string;
  check?: DepositPreviewLine;
  result?: DepositLineResult;
}

type Stage =
  | { step: 'choose' }
  | { step: 'checking' }
  | { step: 'checked'; rows: Row[]; readyTotalFen: number }
  | { step: 'posting'; rows: Row[]; done: number; total: number }
  | { step: 'posted'; rows: Row[] };

const CHECK_TAGS: Record<DepositPreviewLine['outcome'], { label: string; color: string }> = {
  ready: { label: '可入账', color: '#237804' },
  already: { label: '已入账', color: '#595959' },
  refused: { label: '不能入账', color: '#a8071a' },
};
const RESULT_TAGS: Record<DepositLineResult['outcome'], { label: string; color: string }> = {
  posted: { label: '已入账', color: '#237804' },
  duplicate: { label: '此前已入账', color: '#595959' },
  rejected: { label: '未入账', color: '#a8071a' },
  pending: { label: '未处理完', color: '#ad4e00' },
};

/** Short cells stay on one line (a name or month broken per character is hard to read). */
const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

function batchIdFrom(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return stem.slice(0, 64);
}

function yuan(fen: number | undefined): string {
  return fen === undefined ? '—' : formatCurrency(fen);
}

function resultsCsv(rows: Row[]): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = rows.map((row) => {
    const outcome = row.result ? RESULT_TAGS[row.result.outcome].label : row.formatError ? '格式错误' : (row.check ? CHECK_TAGS[row.check.outcome].label : '');
    const message = row.result?.message ?? row.formatError ?? row.check?.message ?? '';
    return [row.row, row.line?.lineNo ?? '', row.line?.accountNo ?? '', quote(outcome), quote(message)].join(',');
  });
  return `\uFEFFfile_row,line,account_no,outcome,message\n${lines.join('\n')}\n`;
}

export function DepositPage() {
  const { modal } = AntApp.useApp();
  const [batchId, setBatchId] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<string | undefined>();

  const check = async (file: File) => {
    setError(undefined);
    setFileName(file.name);
    const id = batchId || batchIdFrom(file.name);
    if (!batchId) setBatchId(id);
    setStage({ step: 'checking' });
    const parsed = parseDepositCsv(await file.text());
    const rows: Row[] = [
      ...parsed.lines.map((line) => ({ row: parsed.rowOf[line.lineNo], line })),
      ...parsed.errors.map((problem: DepositCsvError) => ({ row: problem.row, formatError: problem.message })),
    ].sort((a, b) => a.row - b.row);
    if (parsed.lines.length === 0) {
      setStage({ step: 'checked', rows, readyTotalFen: 0 });
      return;
    }
    try {
      const preview = await call('previewDepositBatch', { body: { batchId: id, lines: parsed.lines } });
      const byLine = new Map(preview.lines.map((line) => [line.lineNo, line]));
      setStage({ step: 'checked', rows: rows.map((row) => (row.line ? { ...row, check: byLine.get(row.line.lineNo) } : row)), readyTotalFen: preview.readyTotalFen });
    } catch (failure) {
      setError(messageOf(failure));
      setStage({ step: 'choose' });
    }
  };

  const post = async (rows: Row[], lines: DepositLine[]) => {
    const results = new Map<number, DepositLineResult>();
    setStage({ step: 'posting', rows, done: 0, total: lines.length });
    try {
      for (let start = 0; start < lines.length; start += CHUNK) {
        const reply = await call('postDepositBatch', { body: { batchId, lines: lines.slice(start, start + CHUNK) } });
        for (const result of reply.results) results.set(result.lineNo, result);
        setStage({ step: 'posting', rows, done: Math.min(lines.length, start + CHUNK), total: lines.length });
      }
    } catch (failure) {
      setError(`${messageOf(failure)} 已处理的行不受影响；请再次入账，已入账的行不会重复入账。`);
    }
    setStage({ step: 'posted', rows: rows.map((row) => (row.line && results.has(row.line.lineNo) ? { ...row, result: results.get(row.line.lineNo) } : row)) });
  };

  const confirmPost = (rows: Row[], readyTotalFen: number) => {
    const ready = rows.filter((row) => row.check?.outcome === 'ready').map((row) => row.line!);
    modal.confirm({
      title: `确认入账 ${ready.length} 行？`,
      content: `批次号 ${batchId}，合计 ${formatCurrency(readyTotalFen)}。已入账和不能入账的行不会提交。同一批次再次提交不会重复入账。`,
      okText: '确认入账',
      cancelText: '再看看',
      onOk: () => void post(rows, ready),
    });
  };

  const repost = (rows: Row[]) => {
    const pending = rows.filter((row) => row.result?.outcome === 'pending' || (row.check?.outcome === 'ready' && !row.result)).map((row) => row.line!);
    void post(rows, pending);
  };

  const download = (rows: Row[]) => {
    const url = URL.createObjectURL(new Blob([resultsCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${batchId}-入账结果.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const rows = 'rows' in stage ? stage.rows : [];
  const count = (predicate: (row: Row) => boolean) => rows.filter(predicate).length;

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        缴存入账
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <FieldLabel htmlFor="batch-id">批次号</FieldLabel>
            <Input
              id="batch-id"
              value={batchId}
              maxLength={64}
              onChange={(event) => setBatchId(event.target.value.replace(/[^A-Za-z0-9_-]/g, ''))}
              placeholder="银行批次号，如 BANK-202611-001（不填则取文件名）"
              style={{ maxWidth: 420 }}
              disabled={stage.step === 'posting'}
            />
          </div>
          {/* the Dragger fills its container: a div keeps it to the card */}
          <div>
            <Upload.Dragger
              accept=".csv,text/csv"
              multiple={false}
              showUploadList={false}
              disabled={stage.step === 'posting' || stage.step === 'checking'}
              beforeUpload={(file) => {
                void check(file);
                return false;
              }}
              data-testid="deposit-file"
            >
              <p style={{ fontSize: 16, margin: '8px 0' }}>把银行的缴存明细文件（CSV）拖到这里，或点击选择文件</p>
              <p style={{ margin: 0 }}>表头：line,account_no,name,month,unit_amount,personal_amount（金额以元为单位）</p>
            </Upload.Dragger>
          </div>
          {fileName && <Typography.Text>文件：{fileName}</Typography.Text>}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="deposit-error" />}
      {stage.step === 'choose' && !error && <Alert type="info" title="选择文件后，先逐行检查，确认后才入账。" />}
      {stage.step === 'checking' && <Alert type="info" title="正在逐行检查…" />}
      {stage.step === 'posting' && (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Text>
            正在入账：{stage.done} / {stage.total} 行
          </Typography.Text>
          <Progress percent={Math.floor((stage.done / Math.max(1, stage.total)) * 100)} aria-label="入账进度" />
        </Card>
      )}
      {stage.step === 'checked' && (
        <Card style={{ marginBottom: 16 }} data-testid="deposit-summary">
          <Space size="large" wrap>
            <Statistic title="可入账" value={count((row) => row.check?.outcome === 'ready')} suffix="行" />
            <Statistic title="合计" value={formatCurrency(stage.readyTotalFen)} />
            <Statistic title="已入账（不再提交）" value={count((row) => row.check?.outcome === 'already')} suffix="行" />
            <Statistic title="不能入账" value={count((row) => row.check?.outcome === 'refused' || row.formatError !== undefined)} suffix="行" />
            <Button
              type="primary"
              size="large"
              disabled={count((row) => row.check?.outcome === 'ready') === 0 || !batchId}
              onClick={() => confirmPost(stage.rows, stage.readyTotalFen)}
              data-testid="deposit-post"
            >
              入账 {count((row) => row.check?.outcome === 'ready')} 行
            </Button>
          </Space>
          {!batchId && <Alert type="warning" title="请填写批次号后再入账。" style={{ marginTop: 12 }} />}
        </Card>
      )}
      {stage.step === 'posted' && (
        <Card style={{ marginBottom: 16 }} data-testid="deposit-outcome">
          <Space size="large" wrap>
            <Statistic title="本次入账" value={count((row) => row.result?.outcome === 'posted')} suffix="行" />
            <Statistic title="此前已入账" value={count((row) => row.result?.outcome === 'duplicate')} suffix="行" />
            <Statistic title="未入账" value={count((row) => row.result?.outcome === 'rejected')} suffix="行" />
            <Statistic title="未处理完" value={count((row) => row.result?.outcome === 'pending' || (row.check?.outcome === 'ready' && !row.result))} suffix="行" />
            {count((row) => row.result?.outcome === 'pending' || (row.check?.outcome === 'ready' && !row.result)) > 0 && (
              <Button type="primary" onClick={() => repost(stage.rows)} data-testid="deposit-repost">
                继续入账未处理完的行
              </Button>
            )}
            <Button onClick={() => download(stage.rows)} data-testid="deposit-download">
              下载结果
            </Button>
          </Space>
        </Card>
      )}
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="row"
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="deposit-rows"
          columns={[
            { title: '文件行', dataIndex: 'row', width: 70 },
            { title: '行号', render: (_, row) => row.line?.lineNo ?? '—', width: 60 },
            { title: '个人账号', render: (_, row) => row.line?.accountNo ?? '—', width: 130 },
            { title: '姓名', render: (_, row) => row.line?.name ?? row.check?.holderName ?? '—', width: 80, ...NO_WRAP },
            { title: '月份', render: (_, row) => row.line?.month ?? '—', width: 90, ...NO_WRAP },
            { title: '单位 / 个人', render: (_, row) => (row.line ? `${yuan(row.line.unitFen)} / ${yuan(row.line.personalFen)}` : '—'), width: 190, ...NO_WRAP },
            {
              title: '核定',
              width: 190,
              ...NO_WRAP,
              render: (_, row) => (row.check?.dueUnitFen !== undefined ? `${yuan(row.check.dueUnitFen)} / ${yuan(row.check.duePersonalFen)}` : '—'),
            },
            {
              title: stage.step === 'posted' ? '入账结果' : '检查结果',
              render: (_, row) => {
                const tag = row.result ? RESULT_TAGS[row.result.outcome] : row.check ? CHECK_TAGS[row.check.outcome] : { label: '格式错误', color: '#a8071a' };
                const message = row.result?.message ?? row.formatError ?? row.check?.message;
                return (
                  <span data-testid={`deposit-row-${row.row}`}>
                    <Tag color={tag.color}>{tag.label}</Tag>
                    {message}
                  </span>
                );
              },
            },
          ]}
        />
      )}
    </>
  );
}
