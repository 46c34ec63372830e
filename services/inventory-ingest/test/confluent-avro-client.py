"""A Kafka user's system built on Confluent's own client: librdkafka with the broker's SASL settings
(KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL_CA_FILE) and confluent-kafka's Avro serdes, which find
schema ids in a Confluent-compatible registry.

  confluent-avro-client.py read TOPIC REGISTRY_URL COUNT
      prints COUNT values of TOPIC as JSON lines, each decoded with the writer's schema by id.
  confluent-avro-client.py write TOPIC REGISTRY_URL SUBJECT SCHEMA_FILE < lines of {"key": ..., "value": ...}
      writes each value with the id the registry holds for that schema under SUBJECT; it looks the
      id up and registers nothing (auto.register.schemas off), as against a read-only registry.
      Fields named in TIMESTAMPS (comma-separated) are epoch milliseconds in the input.
"""
import json
import os
import sys
import time
from datetime import datetime, timezone

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def kafka_conf():
    env = os.environ
    conf = {"bootstrap.servers": env["KAFKA_BROKERS"]}
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
    return conf


def read(topic, registry_url, count):
    deserialize = AvroDeserializer(SchemaRegistryClient({"url": registry_url}))
    group = f"{os.environ.get('SMI_CONSUMER_GROUP_PREFIX', 'smi')}.confluent-client-{os.getpid()}"
    consumer = Consumer({**kafka_conf(), "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    done, deadline = 0, time.time() + 60
    try:
        while done < count and time.time() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                sys.exit(f"consumer error: {message.error()}")
            value = deserialize(message.value(), SerializationContext(topic, MessageField.VALUE))
            print(json.dumps(value, default=str), flush=True)
            done += 1
    finally:
        consumer.close()
    if done < count:
        sys.exit(f"read {done} of {count} records from {topic} within 60 s")


def write(topic, registry_url, subject, schema_file, timestamps):
    with open(schema_file, encoding="utf-8") as f:
        schema = f.read()
    serialize = AvroSerializer(
        SchemaRegistryClient({"url": registry_url}),
        schema,
        conf={"auto.register.schemas": False, "subject.name.strategy": lambda _ctx, _name: subject},
    )
    producer = Producer(kafka_conf())
    for line in sys.stdin:
        record = json.loads(line)
        value = record["value"]
        for field in timestamps:
            value[field] = datetime.fromtimestamp(value[field] / 1000, tz=timezone.utc)
        producer.produce(topic, key=record["key"], value=serialize(value, SerializationContext(topic, MessageField.VALUE)))
    if producer.flush(30) > 0:
        sys.exit("records left unsent after 30 s")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "read":
        read(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "write":
        timestamps = [f for f in os.environ.get("TIMESTAMPS", "").split(",") if f]
        write(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], timestamps)
    else:
        sys.exit(__doc__)
