/**
 * PB-14: the delay signals that escalate an account at once, skipping the calendar. A broken promise always
 * does; "it is in process" does when the customer said it this many times with no concrete step named.
 */

/** The escalation numbers of the policy file. */
export interface EscalationPolicy {
  /** PB-14: "in process" answers with no concrete step that escalate the account (the playbook: twice). */
  inProcessAnswers: number;
}

/** PB-14 defaults. */
export const defaultEscalationPolicy: EscalationPolicy = { inProcessAnswers: 2 };
