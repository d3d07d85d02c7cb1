// Splits a text/event-stream into {event, data} records as chunks arrive;
// a record may be cut anywhere between two chunks.
export interface SseRecord {
  event: string;
  data: string;
}

export function createSseParser(): (chunk: string) => SseRecord[] {
  let buffer = "";
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, "\n");
    const records: SseRecord[] = [];
    for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (data.length > 0) records.push({ event, data: data.join("\n") });
    }
    return records;
  };
}
