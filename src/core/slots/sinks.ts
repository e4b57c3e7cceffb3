import type { Sink, SlotEvent } from './events';

/** Logs every event with `console.info` (development, demos). */
export function consoleSink(prefix = '[intentful]'): Sink {
  return (event) => console.info(prefix, event.type, event);
}

export interface BeaconSinkOptions {
  /** Endpoint that receives a JSON array of events per request. */
  url: string;
  /** Events per request. @defaultValue `20` */
  batchSize?: number;
  /** Longest wait before a partial batch is sent, in milliseconds. @defaultValue `5000` */
  interval?: number;
  /** Events kept while sending fails; older ones are dropped. @defaultValue `200` */
  maxQueue?: number;
  /** Sends one request; return `false` to keep the batch for later. @defaultValue `navigator.sendBeacon` */
  send?: (url: string, body: string) => boolean;
}

/**
 * Batches events and sends them with `navigator.sendBeacon`, flushing when the page is hidden
 * so nothing is lost on navigation. Without a beacon API events are dropped, never thrown.
 */
export function beaconSink(options: BeaconSinkOptions): Sink {
  const batchSize = options.batchSize ?? 20;
  const interval = options.interval ?? 5000;
  const maxQueue = options.maxQueue ?? 200;
  const queue: SlotEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let listening = false;
  const send =
    options.send ??
    ((url: string, body: string): boolean =>
      typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function'
        ? navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))
        : true);

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      if (!send(options.url, JSON.stringify(batch))) break;
      queue.splice(0, batch.length);
    }
  };

  const onHidden = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };

  const sink: Sink = (event) => {
    queue.push(event);
    if (queue.length > maxQueue) queue.splice(0, queue.length - maxQueue);
    if (!listening && typeof document !== 'undefined') {
      listening = true;
      document.addEventListener('visibilitychange', onHidden);
      addEventListener('pagehide', flush);
    }
    if (queue.length >= batchSize) flush();
    else timer ??= setTimeout(flush, interval);
  };
  sink.flush = flush;
  sink.discard = () => {
    clearTimeout(timer);
    timer = undefined;
    queue.length = 0;
  };
  sink.detach = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!listening) return;
    listening = false;
    document.removeEventListener('visibilitychange', onHidden);
    removeEventListener('pagehide', flush);
  };
  return sink;
}
