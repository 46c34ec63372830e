import { bootWebApp } from '@smi/service-kit';
import { AppModule } from './app.module';

void bootWebApp(AppModule, { service: 'dashboard', defaultPort: 3007 });
