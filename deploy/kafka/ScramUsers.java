import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Sets the SCRAM-SHA-512 password of each principal read from stdin ("name password" per line),
 * through the admin principal whose client properties are the first argument. One JVM for all
 * principals: the Kafka CLI (kafka-configs) would start one per principal.
 * Run by deploy/local-stack.sh: java -cp "<kafka jars>/*" deploy/kafka/ScramUsers.java <admin.properties>
 */
public class ScramUsers {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (FileInputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = lines.readLine()) != null; ) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 2) continue;
      upserts.add(new UserScramCredentialUpsertion(parts[0], new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), parts[1]));
    }
    if (upserts.isEmpty()) return;
    try (Admin admin = Admin.create(props)) {
      admin.alterUserScramCredentials(upserts).all().get();
    }
  }
}
