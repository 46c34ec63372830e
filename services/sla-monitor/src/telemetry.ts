// Imported first by main.ts: tracing must patch kafkajs, pg and http before they load.
import { startTelemetry } from '@smi/telemetry';

startTelemetry('sla-monitor');
