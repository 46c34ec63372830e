import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Deliveries1764028800601 } from '../migrations/1764028800601-deliveries';
import { AlertMessageHandler } from './alerts/alert.message.handler';
import { DeliveryDispatcher } from './deliveries/delivery.dispatcher';
import { DeliveryRow } from './deliveries/delivery.entity';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { NotificationsHttpController } from './deliveries/notifications.http.controller';
import { WebhookSender } from './deliveries/webhook-sender.adapter';

@Module({
  imports: [ServiceKitModule.forService({ service: 'notification', entities: [DeliveryRow], migrations: [Deliveries1764028800601] })],
  controllers: [AlertMessageHandler, NotificationsHttpController],
  providers: [DeliveryRepository, WebhookSender, DeliveryDispatcher],
})
export class AppModule {}
