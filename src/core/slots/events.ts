/** A slot's decision changed. */
export interface DecisionEvent {
  readonly type: 'decision';
  readonly at: number;
  readonly unit: string | null;
  readonly slot: string;
  readonly variant: string;
  readonly policy: string;
  readonly reason: string;
  readonly holdout: boolean;
  readonly fallback: boolean;
}

/** A variant was actually visible to the user. */
export interface ExposureEvent {
  readonly type: 'exposure';
  readonly at: number;
  readonly unit: string | null;
  readonly slot: string;
  readonly variant: string;
  readonly policy: string;
  readonly holdout: boolean;
}

/** A goal was reached, attributed to the exposures before it. */
export interface OutcomeEvent {
  readonly type: 'outcome';
  readonly at: number;
  readonly unit: string | null;
  readonly goal: string;
  readonly value?: number;
  readonly exposures: readonly {
    readonly slot: string;
    readonly variant: string;
    readonly policy: string;
    readonly holdout: boolean;
    readonly at: number;
  }[];
}

/** Everything sinks receive. */
export type SlotEvent = DecisionEvent | ExposureEvent | OutcomeEvent;

/** Where events go. A plain function is a sink; `flush` sends anything batched. */
export interface Sink {
  (event: SlotEvent): void;
  flush?: () => void;
  /** Drops what is batched and not sent yet (consent withdrawn). */
  discard?: () => void;
  /** Removes the sink's listeners and timers (the client unmounted); its next event starts them again. */
  detach?: () => void;
}
