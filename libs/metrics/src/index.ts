export { PlatformMetrics, platformMetrics, ScrapeRefresh, TopicConsumption, timed, withinMs } from './platform-metrics';
export { PartitionLag, TopicEnds, readPartitionLag, readTopicEnds, topicsSubscribed } from './consumer-lag';
export { LagWatch, WatchedGroup, watchConsumerLag } from './lag-metrics';
