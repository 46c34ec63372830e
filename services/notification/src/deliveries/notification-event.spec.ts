import { pendingDelivery } from './delivery';
import { notificationEventOf } from './notification-event';

const createdAt = new Date('2026-11-21T10:00:00Z');
const completedAt = new Date('2026-11-21T10:00:05Z');
const delivery = pendingDelivery(
  {
    notificationId: 'evt-1:acme-motors',
    recipientId: 'acme-motors',
    topic: 'ORDER_RAISED',
    subject: 'Order ORD-x: 90 EA of brake-pad-bp100 for plant-lyon, due 2026-11-28',
    payload: { orderId: 'ORD-x' },
    causedByEventId: 'evt-1',
  },
  'WEBHOOK',
  'http://receiver/hooks/acme',
  createdAt,
);

describe('notification event of a finished delivery', () => {
  it('records a delivery as DELIVERED under an id derived from the notification', () => {
    expect(notificationEventOf(delivery, { status: 'delivered', attempts: 1, lastError: null, completedAt })).toEqual({
      eventId: 'evt-1:acme-motors/DELIVERED',
      notificationId: 'evt-1:acme-motors',
      recipientId: 'acme-motors',
      channel: 'WEBHOOK',
      topic: 'ORDER_RAISED',
      subject: 'Order ORD-x: 90 EA of brake-pad-bp100 for plant-lyon, due 2026-11-28',
      causedByEventId: 'evt-1',
      status: 'DELIVERED',
      attempts: 1,
      lastError: null,
      completedAt,
    });
  });

  it('records a given-up delivery as FAILED with why the last attempt failed', () => {
    const event = notificationEventOf(delivery, { status: 'failed', attempts: 8, lastError: 'HTTP 503 Service Unavailable', completedAt });
    expect(event).toMatchObject({
      eventId: 'evt-1:acme-motors/FAILED',
      status: 'FAILED',
      attempts: 8,
      lastError: 'HTTP 503 Service Unavailable',
    });
  });
});
