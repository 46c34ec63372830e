/** The six services the dashboard reads for its users, by the name each env variable carries. */
export const PLATFORM_SERVICES = {
  'inventory-ingest': { env: 'SMI_INVENTORY_INGEST_URL', port: 3001 },
  forecasting: { env: 'SMI_FORECASTING_URL', port: 3002 },
  replenishment: { env: 'SMI_REPLENISHMENT_URL', port: 3003 },
  shipment: { env: 'SMI_SHIPMENT_URL', port: 3004 },
  'sla-monitor': { env: 'SMI_SLA_MONITOR_URL', port: 3005 },
  notification: { env: 'SMI_NOTIFICATION_URL', port: 3006 },
} as const;

export type PlatformService = keyof typeof PLATFORM_SERVICES;
export type ServiceUrls = Record<PlatformService, string>;

/** Each service's base URL from its env variable (e.g. SMI_REPLENISHMENT_URL), else the quick start's port on loopback. */
export function serviceUrlsFrom(env: Record<string, string | undefined>): ServiceUrls {
  return Object.fromEntries(
    Object.entries(PLATFORM_SERVICES).map(([name, { env: variable, port }]) => [
      name,
      (env[variable] ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    ]),
  ) as ServiceUrls;
}
