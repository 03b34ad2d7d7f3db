/**
 * Explainable change risk: named factors, each a value from 0 (no risk) to 1
 * (the most it can add) times a weight; the score is their weighted sum out of
 * 100, and the class follows from the score. Weights are configuration
 * (TRELLIS_RISK_WEIGHTS) with these defaults.
 */

export const riskFactorNames = [
  'worstServiceImpact', 'breadth', 'changeType', 'rollback', 'leadTime', 'outsideMaintenance', 'conflicts', 'pastFailures',
] as const;
export type RiskFactorName = (typeof riskFactorNames)[number];

/** Default weight of each factor; they sum to 100, so a change at the top of every factor scores 100. */
export const defaultRiskWeights: Readonly<Record<RiskFactorName, number>> = {
  worstServiceImpact: 30,
  breadth: 10,
  changeType: 10,
  rollback: 15,
  leadTime: 10,
  outsideMaintenance: 10,
  conflicts: 10,
  pastFailures: 5,
};

export const riskClasses = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskClass = (typeof riskClasses)[number];

/** The lowest score of each class above `low`. */
export const riskClassFloors: Readonly<Record<Exclude<RiskClass, 'low'>, number>> = { medium: 25, high: 50, very_high: 75 };

/** One factor as the change manager sees it: what it measured, how much that counts, and why. */
export interface RiskFactor {
  name: RiskFactorName;
  /** 0..1. */
  value: number;
  weight: number;
  /** value × weight, rounded to a tenth. */
  points: number;
  explanation: string;
}

export interface RiskAssessment {
  score: number;
  class: RiskClass;
  factors: RiskFactor[];
}

/** The class of a score. */
export function riskClassOf(score: number): RiskClass {
  if (score >= riskClassFloors.very_high) return 'very_high';
  if (score >= riskClassFloors.high) return 'high';
  return score >= riskClassFloors.medium ? 'medium' : 'low';
}
