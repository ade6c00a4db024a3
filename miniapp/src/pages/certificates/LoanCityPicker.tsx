import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { StatusView } from '../../components/StatusView';
import { pressable } from '../../lib/pressable';
import { useLoader } from '../../lib/use-loader';
import { afterProvince, fullCityName, type LoanCityChoice, type LoanCityProvince } from './loan-city';
import './loan-city-picker.scss';

// The list changes only with a deploy: fetched once per launch, from the public route (the
// division table stays out of the mini program's bundle).
let cityList: Promise<LoanCityProvince[]> | undefined;
function loadProvinces(): Promise<LoanCityProvince[]> {
  cityList ??= request('loanCities').then(
    (list) => list.provinces,
    (error: unknown) => {
      cityList = undefined;
      throw error;
    },
  );
  return cityList;
}

interface Props {
  value?: LoanCityChoice;
  onChange: (value: LoanCityChoice | undefined) => void;
  error?: string;
}

/** 贷款城市: first the province, then the city, each a big tap target; the choice is read back in words. */
export function LoanCityPicker({ value, onChange, error }: Props) {
  const [state, reload] = useLoader(loadProvinces);
  const [province, setProvince] = useState<LoanCityProvince>();

  function pickProvince(next: LoanCityProvince) {
    const step = afterProvince(next);
    if ('choice' in step) {
      setProvince(undefined);
      onChange(step.choice);
    } else {
      setProvince(next);
    }
  }

  function pickCity(city: { code: string; name: string }) {
    if (!province) return;
    onChange({ code: city.code, fullName: fullCityName(province, city) });
    setProvince(undefined);
  }

  return (
    <View className="field city-picker" data-testid="cert-city">
      <Text className="field__label">第三步：到哪个城市贷款</Text>
      {value ? (
        <View className="city-picker__chosen">
          <Text className="city-picker__chosen-text" data-testid="cert-city-chosen">
            {`已选：${value.fullName}`}
          </Text>
          <ActionButton className="city-picker__change" testId="cert-city-change" onClick={() => onChange(undefined)}>
            重新选择城市
          </ActionButton>
        </View>
      ) : state.status === 'loading' ? (
        <StatusView kind="loading" text="正在加载城市列表…" />
      ) : state.status === 'error' ? (
        <StatusView kind="error" error={state.error} onRetry={reload} />
      ) : province ? (
        <>
          <Text className="city-picker__hint">{`再选${province.name}的城市`}</Text>
          <ActionButton className="city-picker__back" testId="cert-city-back" onClick={() => setProvince(undefined)}>
            换一个省份
          </ActionButton>
          <View className="city-picker__grid" role="group" aria-label={`${province.name}的城市`}>
            {province.cities.map((city) => (
              <View
                key={city.code}
                className="city-chip"
                {...pressable(() => pickCity(city))}
                data-testid={`cert-city-${city.code}`}
                hoverClass="city-chip--pressed"
                onClick={() => pickCity(city)}
              >
                <Text>{city.name}</Text>
              </View>
            ))}
          </View>
        </>
      ) : (
        <>
          <Text className="city-picker__hint">先选省份（直辖市直接选）</Text>
          <View className="city-picker__grid" role="group" aria-label="省份">
            {state.data.map((item) => (
              <View
                key={item.code}
                className="city-chip"
                {...pressable(() => pickProvince(item))}
                data-testid={`cert-province-${item.code}`}
                hoverClass="city-chip--pressed"
                onClick={() => pickProvince(item)}
              >
                <Text>{item.name}</Text>
              </View>
            ))}
          </View>
        </>
      )}
      {error && (
        <View className="field__error" role="alert">
          <Text>{error}</Text>
        </View>
      )}
    </View>
  );
}
