import { Text, View } from '@tarojs/components';
import { FACE_PURPOSE_LABELS, type FacePurpose, type ServiceOffice } from '@hpf/shared';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError, request } from '../api/client';
import { runFaceCheck, type FacePerson } from '../lib/face-check';
import { useElderMode } from '../lib/elder-mode';
import { ActionButton } from './ActionButton';
import './face-step.scss';

type Phase =
  | { kind: 'intro' }
  | { kind: 'running' }
  | { kind: 'again'; message: string }
  | { kind: 'stopped'; message: string; offices?: ServiceOffice[] };

interface Asked {
  purpose: FacePurpose;
  person?: FacePerson;
}

/**
 * The face step before a sensitive act, as a panel on the page that asked: what is happening and
 * why, the check, and when it keeps failing, what else the member can do (稍后再试, 柜台办理 with
 * the offices). `run` resolves with the passed check's id, or undefined when the member stops.
 */
export function useFaceStep() {
  const [asked, setAsked] = useState<Asked>();
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const settle = useRef<(checkId: string | undefined) => void>();
  const { elder } = useElderMode();
  // the step opens below the form the member just sent: bring it into sight
  useEffect(() => {
    if (asked) void Taro.pageScrollTo({ selector: '.face-step', duration: 200 }).catch(() => undefined);
  }, [asked]);

  function run(purpose: FacePurpose, person?: FacePerson): Promise<string | undefined> {
    setAsked({ purpose, person });
    setPhase({ kind: 'intro' });
    return new Promise((resolve) => {
      settle.current = resolve;
    });
  }

  function close(checkId?: string) {
    setAsked(undefined);
    settle.current?.(checkId);
    settle.current = undefined;
  }

  async function stopWith(message: string) {
    setPhase({ kind: 'stopped', message });
    const guide = await request('serviceGuide').catch(() => undefined);
    if (guide) setPhase({ kind: 'stopped', message, offices: guide.offices });
  }

  async function check() {
    if (!asked) return;
    setPhase({ kind: 'running' });
    try {
      const result = await runFaceCheck(asked.purpose, asked.person);
      if (result.status === 'PASSED') return close(result.checkId);
      if (result.status === 'FAILED' && result.attemptsLeft === 0) return void stopWith(result.message);
      setPhase({ kind: 'again', message: result.message });
    } catch (error) {
      if (isApiError(error) && (error.code === 'FACE_TOO_MANY_FAILURES' || error.code === 'FACE_UNAVAILABLE')) return void stopWith(error.message);
      setPhase({ kind: 'again', message: errorMessage(error) });
    }
  }

  const act = asked ? FACE_PURPOSE_LABELS[asked.purpose] : '';
  const element = asked ? (
    <View className="card face-step" data-testid="face-step" role="dialog" aria-label="人脸核验">
      <Text className="text-title face-step__title">人脸核验</Text>
      {phase.kind === 'intro' && (
        <View>
          <Text className="text-main face-step__line">为了确认是您本人在办理{act}，需要刷一下脸。</Text>
          {elder && (
            <Text className="text-main face-step__line" data-testid="face-step-elder">
              点下面的“开始刷脸”，把手机拿在面前，让脸出现在圆圈里，按提示眨眨眼。大约十秒钟。
            </Text>
          )}
          <Text className="text-small face-step__line">由微信核对您的脸和身份证照片是否一致。我们不保存您的照片，只记下核验是否通过。</Text>
          {process.env.TARO_ENV !== 'weapp' && process.env.TARO_APP_DEMO === '1' && (
            <Text className="notice" data-testid="face-step-demo">演示版：这里在微信里会打开摄像头；演示版由模拟器代替刷脸。</Text>
          )}
        </View>
      )}
      {phase.kind === 'running' && (
        <Text className="text-main face-step__line" data-testid="face-step-running" aria-live="polite">
          正在核验，请稍候…
        </Text>
      )}
      {phase.kind === 'again' && (
        <View className="notice face-step__line" role="alert" data-testid="face-step-message">
          <Text>{phase.message}</Text>
        </View>
      )}
      {phase.kind === 'stopped' && (
        <View>
          <View className="notice face-step__line" role="alert" data-testid="face-step-message">
            <Text>{phase.message}</Text>
          </View>
          <Text className="text-main face-step__line">可以办理的服务网点：</Text>
          <View data-testid="face-step-offices">
            {(phase.offices ?? []).map((office) => (
              <View key={office.name} className="face-step__office">
                <Text className="text-main face-step__office-name">{office.name}</Text>
                <Text className="text-small">{office.address}</Text>
                <Text className="text-small">{office.hours}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      <View className="face-step__actions">
        {(phase.kind === 'intro' || phase.kind === 'again') && (
          <ActionButton className="btn--primary btn--block" testId="face-start" onClick={check}>
            {phase.kind === 'intro' ? '开始刷脸' : '再试一次'}
          </ActionButton>
        )}
        {phase.kind !== 'running' && (
          <ActionButton className="btn--block" testId="face-cancel" onClick={() => close()}>
            {phase.kind === 'stopped' ? '稍后再试' : '先不办了'}
          </ActionButton>
        )}
      </View>
    </View>
  ) : null;

  return { run, element, open: Boolean(asked) };
}
