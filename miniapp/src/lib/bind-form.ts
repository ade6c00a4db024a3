import { idNumberProblem, mobileProblem } from '@hpf/shared';
import type { FieldError } from '../api/client';

export type BindField = 'name' | 'idNumber' | 'phone';
export type BindValues = Record<BindField, string>;
export type BindErrors = Partial<Record<BindField, string>>;

const FIELDS: readonly BindField[] = ['name', 'idNumber', 'phone'];

/** The same rules the server applies, checked before sending so mistakes show at once. */
export function checkBindForm(values: BindValues): BindErrors {
  const errors: BindErrors = {};
  if (values.name.trim().length < 2) errors.name = '请填写姓名';
  const idProblem = idNumberProblem(values.idNumber);
  if (idProblem) errors.idNumber = idProblem;
  const phoneProblem = mobileProblem(values.phone);
  if (phoneProblem) errors.phone = phoneProblem;
  return errors;
}

/** Server `fields` (paths like "idNumber" or "body.idNumber") to one message per form field. */
export function fieldErrorsFrom(fields: readonly FieldError[]): BindErrors {
  const errors: BindErrors = {};
  for (const { path, message } of fields) {
    const last = path.split(/[./]/).pop() as BindField;
    if (FIELDS.includes(last) && !errors[last]) errors[last] = message;
  }
  return errors;
}
