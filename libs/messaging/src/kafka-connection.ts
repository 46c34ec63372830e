import { Kafka, logLevel } from 'kafkajs';

export function kafkaBrokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (for example localhost:19092)');
  return brokers.split(',').map((b) => b.trim()).filter(Boolean);
}

export function createKafka(clientId: string, brokers: string[] = kafkaBrokersFromEnv()): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/** Consumer group of a service: one per service, so each service sees every event once. */
export const consumerGroupOf = (service: string): string => `smi.${service}`;
