import { useElderMode } from '../lib/elder-mode';
import { Switch } from './Switch';

/** 长辈模式 on/off; one tap anywhere on the row toggles. */
export function ElderModeToggle({ testId }: { testId: string }) {
  const { elder, setElder } = useElderMode();
  return (
    <Switch
      title="长辈模式"
      hint={elder ? '已开启：大字、大按钮' : '字太小？点这里换成大字、大按钮'}
      on={elder}
      testId={testId}
      onToggle={() => setElder(!elder)}
    />
  );
}
