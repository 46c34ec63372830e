export { Day, DeliveryLine, LineDay, LinePenaltyRates, RatesOn } from './service-level-facts';
