import type { MqttSettings } from '../../adapters/mqtt/mqtt-telemetry-source.js';
import type { HostConfig } from './config.js';

/** The console's command-line MQTT choices → the MQTT adapter's settings. */
export function mqttSettingsFor(config: HostConfig, url: string, topics: string[]): MqttSettings {
  return {
    url,
    topics,
    // A fixed client id is how a deployment asks the broker to keep the console's session.
    ...(config.mqttClientId && { clientId: config.mqttClientId, persistentSession: true }),
    ...(config.mqttUsername && { username: config.mqttUsername }),
    ...(config.mqttPassword && { password: config.mqttPassword }),
    ...(config.mqttCaFile && { caFile: config.mqttCaFile }),
    ...(config.mqttCertFile && { certFile: config.mqttCertFile }),
    ...(config.mqttKeyFile && { keyFile: config.mqttKeyFile }),
    ...(config.mqttQos !== undefined && { qos: config.mqttQos }),
  };
}
