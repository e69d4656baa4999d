import { createContext, useContext, useEffect, useRef, useState } from 'react';

/**
 * What the open wizard step holds that is not saved yet, so the wizard's
 * footer can offer 保存并继续 and warn before the edits are lost.
 */
export interface StepDraft {
  dirty: boolean;
  /** Saves the step; false when it did not (invalid input, refused). */
  save(): Promise<boolean>;
}

export const StepDraftContext = createContext<(draft: StepDraft | null) => void>(() => undefined);

/** A step declares its unsaved state and how to save it; forgotten when the step goes. */
export function useStepDraft(dirty: boolean, save: () => Promise<boolean>): void {
  const register = useContext(StepDraftContext);
  useEffect(() => {
    register({ dirty, save });
  });
  useEffect(() => () => register(null), [register]);
}

/**
 * Whether the user changed any of `values` since the step opened or since the
 * last `saved()` — against the step's own copy, not the server's answer,
 * which may come back normalised.
 */
export function useEdited(...values: unknown[]): [boolean, () => void] {
  const now = JSON.stringify(values);
  const base = useRef(now);
  const [, rerender] = useState(0);
  return [now !== base.current, () => {
    base.current = now;
    rerender((n) => n + 1);
  }];
}
