"""Reads a topic as a user of Confluent's own client would: librdkafka with the broker's SASL
settings (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL_CA_FILE), values decoded by confluent-kafka's
AvroDeserializer with the writer's schema fetched from a Confluent-compatible registry.

usage: confluent-avro-reader.py TOPIC REGISTRY_URL COUNT   (prints each value as a JSON line)
"""
import json
import os
import sys
import time

from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext

topic, registry_url, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = os.environ
conf = {
    "bootstrap.servers": env["KAFKA_BROKERS"],
    "group.id": f"{env.get('SMI_CONSUMER_GROUP_PREFIX', 'smi')}.confluent-reader-{os.getpid()}",
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
}
if env.get("KAFKA_SASL_MECHANISM"):
    conf.update(
        {
            "security.protocol": "SASL_SSL" if env.get("KAFKA_SSL_CA_FILE") else "SASL_PLAINTEXT",
            "sasl.mechanism": env["KAFKA_SASL_MECHANISM"],
            "sasl.username": env["KAFKA_SASL_USERNAME"],
            "sasl.password": env["KAFKA_SASL_PASSWORD"],
        }
    )
if env.get("KAFKA_SSL_CA_FILE"):
    conf["ssl.ca.location"] = env["KAFKA_SSL_CA_FILE"]

deserialize = AvroDeserializer(SchemaRegistryClient({"url": registry_url}))
consumer = Consumer(conf)
consumer.subscribe([topic])
read, deadline = 0, time.time() + 60
try:
    while read < count and time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            sys.exit(f"consumer error: {message.error()}")
        value = deserialize(message.value(), SerializationContext(topic, MessageField.VALUE))
        print(json.dumps(value, default=str), flush=True)
        read += 1
finally:
    consumer.close()
if read < count:
    sys.exit(f"read {read} of {count} records from {topic} within 60 s")
