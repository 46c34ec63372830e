import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Deliveries1764028800601 } from '../migrations/1764028800601-deliveries';
import { RecordAlertsMessageHandler } from './alerts/record-alerts.message.handler';
import { RecordAlerts } from './alerts/record-alerts.use-case';
import { DeliveriesSweep } from './deliveries/deliveries.sweep';
import { DeliveryRow } from './deliveries/delivery.entity';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { NotificationsHttpController } from './deliveries/notifications.http.controller';
import { RecordDeliveryAttempts } from './deliveries/record-delivery-attempts.use-case';
import { WebhookSender } from './deliveries/webhook-sender.adapter';

@Module({
  imports: [ServiceKitModule.forService({ service: 'notification', entities: [DeliveryRow], migrations: [Deliveries1764028800601] })],
  controllers: [RecordAlertsMessageHandler, NotificationsHttpController],
  providers: [DeliveryRepository, WebhookSender, RecordAlerts, RecordDeliveryAttempts, DeliveriesSweep],
})
export class AppModule {}
