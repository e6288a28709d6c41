/**
 * Words that mark a figure as quoted in order to be rejected ("the often-repeated claim of 100
 * million is an invention"): a sentence or note holding one gives no claim.
 */
export const disputeCue = /\b(fabricat\w*|invent(ed|ion)|myths?|mythical|baseless|no basis|discredited|exaggerat\w*|inflated|implausible|absurd|nonsense|untenable|not credible|propaganda|often[- ]repeated|long[- ]repeated|wildly|debunked|spurious|apocryphal)\b/i;
