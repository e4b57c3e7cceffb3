// pickTop and pickStep choose what the store publishes on every signal; these pin their order
// (the first listed wins a tie), the hold on what is shown, and priorities at the extremes.
import { describe, expect, it } from 'vitest';
import type { CompiledStep } from '../../src/core/model';
import { pickStep, pickTop } from '../../src/core/steps';

const conf = (...values: number[]) => Float64Array.from(values);

const step = (intentIndex: number, priority = 0, minConfidence = 0.6): CompiledStep => ({
  id: `s${intentIndex}-${priority}`,
  intent: `i${intentIndex}`,
  intentIndex,
  minConfidence,
  priority,
  label: '',
});

describe('pickTop', () => {
  it('takes the most confident at or above the threshold, the first of equals', () => {
    expect(pickTop(conf(0.4, 0.7, 0.9, 0.9), 0.5, 0.1, -1)).toBe(2);
    expect(pickTop(conf(0.4, 0.3), 0.5, 0.1, -1)).toBe(-1);
    expect(pickTop(conf(0.5, 0.5), 0.5, 0.1, -1)).toBe(0);
  });

  it('holds the shown intent until another leads it by the margin', () => {
    expect(pickTop(conf(0.7, 0.75), 0.5, 0.1, 0)).toBe(0);
    expect(pickTop(conf(0.7, 0.85), 0.5, 0.1, 0)).toBe(1);
    expect(pickTop(conf(0.45, 0.5), 0.5, 0.1, 0)).toBe(1);
  });
});

describe('pickStep', () => {
  it('takes the highest priority, then the most confident, then the first', () => {
    const steps = [step(0), step(1, 1), step(2, 1), step(3, 1)];
    expect(pickStep(steps, [], conf(0.99, 0.7, 0.8, 0.8), 0.1, -1)).toBe(2);
    expect(
      pickStep(steps, [undefined, undefined, 'dismissed'], conf(0.99, 0.7, 0.8, 0.8), 0.1, -1),
    ).toBe(3);
    expect(pickStep(steps, [], conf(0.99, 0.5, 0.5, 0.5), 0.1, -1)).toBe(0);
    expect(pickStep(steps, [], conf(0.5, 0.5, 0.5, 0.5), 0.1, -1)).toBe(-1);
  });

  it('ranks steps of infinite priority like any other', () => {
    const steps = [step(0, Number.NEGATIVE_INFINITY), step(1, Number.NEGATIVE_INFINITY)];
    expect(pickStep(steps, [], conf(0.7, 0.8), 0.1, -1)).toBe(1);
    expect(pickStep(steps, [], conf(0.7, 0.5), 0.1, -1)).toBe(0);
    const top = [step(0), step(1, Number.POSITIVE_INFINITY)];
    expect(pickStep(top, [], conf(0.9, 0.7), 0.1, -1)).toBe(1);
  });

  it('holds the shown step while due unless another of its priority leads by the margin', () => {
    const steps = [step(0), step(1), step(2, 1)];
    expect(pickStep(steps, [], conf(0.7, 0.75, 0), 0.1, 0)).toBe(0);
    expect(pickStep(steps, [], conf(0.7, 0.85, 0), 0.1, 0)).toBe(1);
    expect(pickStep(steps, [], conf(0.7, 0.75, 0.65), 0.1, 0)).toBe(2);
    expect(pickStep(steps, ['completed'], conf(0.7, 0.65, 0), 0.1, 0)).toBe(1);
  });
});
