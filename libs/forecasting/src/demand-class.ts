/**
 * Demand classes of Syntetos, Boylan & Croston (2005), "On the categorization
 * of demand patterns", JORS 56(5): by the average inter-demand interval (ADI,
 * periods per non-zero demand) and the squared coefficient of variation of the
 * non-zero demand sizes (CV²), cut at 1.32 and 0.49. Normal-theory safety stock
 * suits smooth items; intermittent and lumpy ones need their own distribution.
 */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';
export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy'] as const;

/** The class a text names, or undefined (an empty or unknown class, as on events from before classes were published). */
export const demandClassNamed = (text: string | null | undefined): DemandClass | undefined =>
  (DEMAND_CLASSES as readonly string[]).includes(text ?? '') ? (text as DemandClass) : undefined;

export const ADI_CUT_OFF = 1.32;
export const CV2_CUT_OFF = 0.49;

export interface DemandPattern {
  demandClass: DemandClass;
  /** Periods per period with demand (1 = demand every period). */
  averageInterDemandInterval: number;
  /** Squared coefficient of variation of the non-zero demand sizes. */
  squaredCoefficientOfVariation: number;
  /** Periods with demand. */
  demandPeriods: number;
}

/**
 * Classifies a history of demand per period (oldest first). ADI is periods
 * observed over periods with demand. Undefined with no demand at all: a class
 * says how demand arrives, and there is none to describe.
 */
export function classifyDemand(demandPerPeriod: readonly number[]): DemandPattern | undefined {
  const sizes = demandPerPeriod.filter((quantity) => quantity > 0);
  if (sizes.length === 0) return undefined;
  const averageInterDemandInterval = demandPerPeriod.length / sizes.length;
  const mean = sizes.reduce((sum, q) => sum + q, 0) / sizes.length;
  // Population variance of the sizes: one demand has no spread, not an undefined one.
  const variance = sizes.reduce((sum, q) => sum + (q - mean) ** 2, 0) / sizes.length;
  const squaredCoefficientOfVariation = variance / (mean * mean);
  const intermittent = averageInterDemandInterval >= ADI_CUT_OFF;
  const variable = squaredCoefficientOfVariation >= CV2_CUT_OFF;
  const demandClass: DemandClass = intermittent ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return { demandClass, averageInterDemandInterval, squaredCoefficientOfVariation, demandPeriods: sizes.length };
}
