import './telemetry';
import { bootService } from '@smi/service-kit';
import { AppModule } from './app.module';

void bootService(AppModule, { service: 'shipment', defaultPort: 3004 });
