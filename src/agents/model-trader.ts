/**
 * A model-driven trader: prediction -> target position -> order.
 * target = clip(gain x prediction, ±maxPosition), approached at tradeRate per tick;
 * a halted model flattens its position; before its warm-up ends it does not trade;
 * without a prediction (none served) it keeps its position.
 */
import type { ModelConfig } from '../config/schema.ts';
import { clip, orderToward } from '../market/background-traders.ts';

export function modelOrder(policy: ModelConfig['policy'], prediction: number, position: number, trading: boolean, halted: boolean): number {
  if (!trading) return 0;
  // No prediction (not served, not listed): keep the position.
  if (Number.isNaN(prediction) && !halted) return 0;
  const target = halted ? 0 : clip(policy.gain * prediction, policy.maxPosition);
  return orderToward(target, position, policy.tradeRate);
}
