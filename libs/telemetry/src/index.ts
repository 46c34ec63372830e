import './source-maps';
export { startTelemetry, stopTelemetry } from './telemetry';
