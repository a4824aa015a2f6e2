import { registerEnumType } from '@nestjs/graphql';

/** BEFORE: answered at check-in, as a baseline; AFTER: answered at the end, with the rating. */
export enum FeedbackPhase {
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}

registerEnumType(FeedbackPhase, { name: 'FeedbackPhase' });

/** The topics of the demo question bank; the bank may add others (a topic is free text). */
export const QUIZ_TOPICS = ['防范电信网络诈骗', '非法集资', '个人养老金', '征信', '移动支付安全'] as const;
