export { startTelemetry, stopTelemetry, OWN_TRACE_HEADER } from './telemetry';
