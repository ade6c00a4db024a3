import type { ReactNode } from 'react';

/** The visible label above a page's main field (read by screen readers as the field's name). */
export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} style={{ display: 'block', marginBottom: 8, fontWeight: 600 }}>
      {children}
    </label>
  );
}
