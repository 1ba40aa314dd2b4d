// The run's clock: SOURCE_DATE_EPOCH (reproducible builds convention) fixes "now" so reruns are byte-identical.
import { AppError } from '../model/errors.js';

export function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return () => new Date();
  if (!/^\d+$/.test(epoch))
    throw new AppError('USAGE', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
  const fixed = new Date(Number(epoch) * 1000);
  return () => new Date(fixed.getTime());
}
