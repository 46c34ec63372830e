import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Deliveries1764028800601 } from '../migrations/1764028800601-deliveries';
import { AlertRulesPreferencesAndDeliveryLog1797000000000 } from '../migrations/1797000000000-alert-rules-preferences-and-delivery-log';
import { AlertStateRepository } from './alerts/alert-state.repository';
import { AlertsSweep } from './alerts/alerts.sweep';
import { KeepDemandOutlooks } from './alerts/keep-demand-outlooks.use-case';
import { RaiseDueAlerts } from './alerts/raise-due-alerts.use-case';
import { RecordAlertsMessageHandler } from './alerts/record-alerts.message.handler';
import { RecordAlerts } from './alerts/record-alerts.use-case';
import { RouteAlerts } from './alerts/route-alerts.use-case';
import { WatchOrders } from './alerts/watch-orders.use-case';
import { WatchShipments } from './alerts/watch-shipments.use-case';
import { WatchStockLevels } from './alerts/watch-stock-levels.use-case';
import { WatchStockMessageHandler } from './alerts/watch-stock.message.handler';
import { DeliveriesSweep } from './deliveries/deliveries.sweep';
import { DeliveryRow } from './deliveries/delivery.entity';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { EmailSender } from './deliveries/email-sender.adapter';
import { NotificationsHttpController } from './deliveries/notifications.http.controller';
import { RecordDeliveryAttempts } from './deliveries/record-delivery-attempts.use-case';
import { WebhookSender } from './deliveries/webhook-sender.adapter';
import { DigestRepository } from './digests/digest.repository';
import { SendDigests } from './digests/send-digests.use-case';
import { PreferencesHttpController } from './preferences/preferences.http.controller';
import { PreferencesRepository } from './preferences/preferences.repository';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'notification',
      entities: [DeliveryRow],
      migrations: [Deliveries1764028800601, AlertRulesPreferencesAndDeliveryLog1797000000000],
    }),
  ],
  controllers: [RecordAlertsMessageHandler, WatchStockMessageHandler, NotificationsHttpController, PreferencesHttpController],
  providers: [
    DeliveryRepository,
    AlertStateRepository,
    PreferencesRepository,
    DigestRepository,
    WebhookSender,
    EmailSender,
    RouteAlerts,
    RecordAlerts,
    WatchOrders,
    WatchShipments,
    WatchStockLevels,
    KeepDemandOutlooks,
    RaiseDueAlerts,
    SendDigests,
    RecordDeliveryAttempts,
    DeliveriesSweep,
    AlertsSweep,
  ],
})
export class AppModule {}
