import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { HIDDEN_CHARACTER_MESSAGE, hasHiddenCharacter, isBadRating, textLength, type MyRatings, type RatingLevel, type RatingView } from '@hpf/shared';
import { useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { TextLink } from '../../components/TextLink';
import { formatChinaTime } from '../../lib/certificate-facts';
import { fieldLabel } from '../../lib/field-label';
import { formatDate } from '../../lib/format';
import { PAGES } from '../../lib/navigation';
import { pressable } from '../../lib/pressable';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

type Service = MyRatings['services'][number];
const COMMENT_MAX = 300;

/** The same checks the API makes on free text, said before sending. */
function commentProblem(comment: string, label: string): string | undefined {
  if (hasHiddenCharacter(comment)) return HIDDEN_CHARACTER_MESSAGE;
  if (textLength(comment.trim()) > COMMENT_MAX) return `${label}太长（最多 ${COMMENT_MAX} 个字）`;
  return undefined;
}

function CommentField({ label, value, onChange, error, testId }: { label: string; value: string; onChange(v: string): void; error?: string; testId: string }) {
  return (
    <View className="field">
      <Text className="field__label">{label}（可不填）</Text>
      <Textarea
        className={`field__input rating-comment ${error ? 'field__input--bad' : ''}`}
        data-testid={testId}
        {...fieldLabel(label, Boolean(error))}
        maxlength={COMMENT_MAX}
        value={value}
        onInput={(event) => onChange(event.detail.value)}
      />
      {error && (
        <View className="field__error" role="alert" data-testid={`${testId}-error`}>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  );
}

function RateForm({ service, data, onRated }: { service: Service; data: MyRatings; onRated(view: RatingView): void }) {
  const [level, setLevel] = useState<RatingLevel>();
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const offered = level ? (isBadRating(level) ? data.reasons.bad : data.reasons.good) : [];

  function pick(next: RatingLevel) {
    // the reasons differ for a good and a bad rating: ticks of the other kind do not carry over
    if (!level || isBadRating(level) !== isBadRating(next)) setReasons([]);
    setLevel(next);
  }
  function toggle(reason: string) {
    setReasons((now) => (now.includes(reason) ? now.filter((r) => r !== reason) : [...now, reason]));
  }
  async function send() {
    if (!level) {
      setError('请先选择一个评价');
      return;
    }
    const problem = commentProblem(comment, '评价内容');
    setCommentError(problem);
    if (problem) return;
    setError(undefined);
    setSending(true);
    try {
      const trimmed = comment.trim();
      onRated(await request('rateService', { body: { serviceId: service.serviceId, level, reasons, ...(trimmed ? { comment: trimmed } : {}) } }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="card" data-testid="rating-form">
      <Text className="rating-step">您对这次办事满意吗？</Text>
      <View role="radiogroup" aria-label="评价">
        {data.levels.map(({ level: value, label }) => {
          const chosen = level === value;
          return (
            <View
              key={value}
              className={`rating-level ${chosen ? 'rating-level--on' : ''} ${isBadRating(value) ? 'rating-level--bad' : ''}`}
              {...pressable(() => pick(value), 'radio')}
              aria-checked={chosen ? 'true' : 'false'}
              aria-label={label}
              data-testid={`rating-level-${value}`}
              onClick={() => pick(value)}
            >
              <Text className="rating-level__mark" aria-hidden="true">
                {chosen ? '●' : '○'}
              </Text>
              <Text className="rating-level__label">{label}</Text>
            </View>
          );
        })}
      </View>

      {level && (
        <>
          <Text className="rating-step">{isBadRating(level) ? '哪里让您不满意？（可多选）' : '哪些地方做得好？（可多选）'}</Text>
          <View className="rating-reasons" role="group" aria-label="理由">
            {offered.map((reason) => {
              const ticked = reasons.includes(reason);
              return (
                <View
                  key={reason}
                  className={`rating-reason ${ticked ? 'rating-reason--on' : ''}`}
                  {...pressable(() => toggle(reason), 'switch')}
                  aria-checked={ticked ? 'true' : 'false'}
                  data-testid="rating-reason"
                  onClick={() => toggle(reason)}
                >
                  <Text>{ticked ? `✓ ${reason}` : reason}</Text>
                </View>
              );
            })}
          </View>
          <CommentField label="想对我们说的话" value={comment} onChange={setComment} error={commentError} testId="rating-comment" />
          {isBadRating(level) && <Text className="text-small rating-note">不满意的评价会生成整改工单，办理网点会在规定的工作日内核实、整改并回访您。</Text>}
        </>
      )}

      {error && (
        <View className="notice rating-error" role="alert" data-testid="rating-error">
          <Text>{error}</Text>
        </View>
      )}
      <ActionButton className="btn--primary btn--block rating-submit" testId="rating-submit" disabled={sending} onClick={() => void send()}>
        {sending ? '正在提交…' : '提交评价'}
      </ActionButton>
    </View>
  );
}

function ReplyForm({ service, onReplied }: { service: Service; onReplied(view: RatingView): void }) {
  const [resolved, setResolved] = useState<boolean>();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function send() {
    if (resolved === undefined) {
      setError('请选择问题是否已解决');
      return;
    }
    const problem = commentProblem(comment, '补充说明');
    setCommentError(problem);
    if (problem) return;
    setError(undefined);
    setSending(true);
    try {
      const trimmed = comment.trim();
      onReplied(await request('replyToRatingCase', { params: { serviceId: service.serviceId }, body: { resolved, ...(trimmed ? { comment: trimmed } : {}) } }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSending(false);
    }
  }

  const options: [boolean, string][] = [
    [true, '已解决'],
    [false, '没有解决'],
  ];
  return (
    <View className="rating-reply" data-testid="rating-reply">
      <Text className="rating-step">您的问题解决了吗？</Text>
      <View role="radiogroup" aria-label="问题是否已解决" className="rating-reasons">
        {options.map(([value, label]) => (
          <View
            key={label}
            className={`rating-reason ${resolved === value ? 'rating-reason--on' : ''}`}
            {...pressable(() => setResolved(value), 'radio')}
            aria-checked={resolved === value ? 'true' : 'false'}
            data-testid={value ? 'rating-resolved-yes' : 'rating-resolved-no'}
            onClick={() => setResolved(value)}
          >
            <Text>{resolved === value ? `✓ ${label}` : label}</Text>
          </View>
        ))}
      </View>
      <CommentField label="补充说明" value={comment} onChange={setComment} error={commentError} testId="rating-reply-comment" />
      {error && (
        <View className="notice rating-error" role="alert" data-testid="rating-error">
          <Text>{error}</Text>
        </View>
      )}
      <ActionButton className="btn--primary btn--block" testId="rating-reply-submit" disabled={sending} onClick={() => void send()}>
        {sending ? '正在提交…' : '提交'}
      </ActionButton>
    </View>
  );
}

/** A rating given, and the 差评 case it opened: where the office is, its outcome, and the member's reply. */
function Rated({ service, rating, onReplied }: { service: Service; rating: RatingView; onReplied(view: RatingView): void }) {
  const found = rating.case;
  return (
    <>
      <View className="card" data-testid="rating-done">
        <Text className="rating-step">您的评价</Text>
        <Text className="rating-given" data-testid="rating-given">
          {rating.levelLabel}
        </Text>
        {rating.reasons.length > 0 && <Text className="rating-line">理由：{rating.reasons.join('、')}</Text>}
        {rating.comment && <Text className="rating-line">您说：{rating.comment}</Text>}
        <Text className="text-small">评价时间：{formatChinaTime(rating.ratedAt)}</Text>
        {!found && <Text className="rating-thanks">谢谢您的评价。</Text>}
      </View>
      {found && (
        <View className="card" data-testid="rating-case">
          <Text className="rating-step">处理进度</Text>
          <View className="rating-case-status" data-testid="rating-case-status" role="status">
            <Text>{found.statusLabel}</Text>
          </View>
          {!found.outcome && <Text className="rating-line">办理网点会在 {formatDate(found.dueOn)} 前核实、整改并回访您。</Text>}
          {found.outcome && (
            <View className="rating-outcome" data-testid="rating-case-outcome">
              <Text className="rating-line">{found.outcome}</Text>
            </View>
          )}
          {found.resolved !== undefined && (
            <Text className="rating-line" data-testid="rating-case-resolved">
              您的答复：{found.resolved ? '问题已解决' : '问题没有解决'}
            </Text>
          )}
          {found.status === 'FOLLOWED_UP' && found.resolved === undefined && <ReplyForm service={service} onReplied={onReplied} />}
        </View>
      )}
    </>
  );
}

function ServiceHead({ service }: { service: Service }) {
  return (
    <View className="card rating-service" data-testid="rating-service">
      <Text className="rating-service__name">{service.serviceLabel}</Text>
      <Text className="rating-line">{service.summary}</Text>
      <Text className="text-small">
        {service.office} · 办结于 {formatChinaTime(service.deliveredAt)}
      </Text>
    </View>
  );
}

function OneService({ service, data }: { service: Service; data: MyRatings }) {
  const [rating, setRating] = useState<RatingView | undefined>(service.rating);
  return (
    <>
      <ServiceHead service={service} />
      {rating ? (
        <Rated service={service} rating={rating} onReplied={setRating} />
      ) : service.canRate ? (
        <RateForm service={service} data={data} onRated={setRating} />
      ) : (
        <StatusView kind="empty" text="这项服务的评价期限已过，不能再评价了。" />
      )}
      {!rating && service.canRate && <Text className="text-small rating-until">请在 {formatChinaTime(service.rateUntil)} 前评价，每项服务只评一次。</Text>}
    </>
  );
}

function open(service: Service) {
  void Taro.navigateTo({ url: `${PAGES.rating}?service=${encodeURIComponent(service.serviceId)}` });
}

/** 服务评价: one service (from a prompt), or every service the member may rate or has rated. */
export default function RatingPage() {
  const { params } = useRouter();
  const wanted = typeof params.service === 'string' ? decodeURIComponent(params.service) : '';
  const [state, reload] = useLoader(() => request('myRatings'));
  const one = state.status === 'ready' && wanted ? state.data.services.find((service) => service.serviceId === wanted) : undefined;

  return (
    <Screen className="rating">
      <Text className="text-title rating__title">服务评价（好差评）</Text>
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询您办过的服务…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && wanted && !one && <StatusView kind="empty" text="没有找到这项服务，或已过了评价期限。" />}
      {state.status === 'ready' && one && <OneService service={one} data={state.data} />}
      {state.status === 'ready' && !wanted && state.data.services.length === 0 && <StatusView kind="empty" text="还没有可以评价的服务。办完一项业务后，可以在这里评价。" />}
      {state.status === 'ready' &&
        !wanted &&
        state.data.services.map((service) => (
          <View key={service.serviceId} className="card rating-row" data-testid="rating-row">
            <Text className="rating-service__name">{service.serviceLabel}</Text>
            <Text className="rating-line">{service.summary}</Text>
            <Text className="rating-line">{service.rating ? `已评价：${service.rating.levelLabel}${service.rating.case ? `（${service.rating.case.statusLabel}）` : ''}` : service.canRate ? '还没有评价' : '评价期限已过'}</Text>
            {(service.rating || service.canRate) && (
              <TextLink testId="rating-row-open" onClick={() => open(service)}>
                {service.rating ? '查看' : '去评价'}
              </TextLink>
            )}
          </View>
        ))}
    </Screen>
  );
}
