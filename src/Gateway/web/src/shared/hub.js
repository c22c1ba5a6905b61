// The live hub (/hubs/alerts): one connection, reconnecting on its own, with a status callback
// so each page can say whether it is live.
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

export async function connectHub(getToken, handlers, onStatus = () => {}) {
  const connection = new HubConnectionBuilder()
    .withUrl("/hubs/alerts", { accessTokenFactory: () => getToken() ?? "" })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .configureLogging(LogLevel.Warning)
    .build();
  for (const [name, handler] of Object.entries(handlers)) {
    if (name !== "reconnected") connection.on(name, handler);
  }
  connection.onreconnecting(() => onStatus("reconnecting"));
  connection.onreconnected(() => {
    onStatus("live");
    handlers.reconnected?.();
  });
  connection.onclose(() => onStatus("offline"));
  onStatus("connecting");
  try {
    await connection.start();
    onStatus("live");
  } catch (error) {
    onStatus("offline");
    throw error;
  }
  return connection;
}
