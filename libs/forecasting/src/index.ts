export { DemandClass, DemandPattern, DEMAND_CLASSES, ADI_CUT_OFF, CV2_CUT_OFF, classifyDemand, demandClassNamed } from './demand-class';
export { TsbLevel, TSB_DEFAULT_SMOOTHING, tsbLevel } from './tsb';
