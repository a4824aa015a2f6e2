// Preloaded (node -r, after ts-node) into a service process that a test started with
// --expose-gc and an IPC channel: on "memory", runs a full GC and answers with heap and
// RSS. Test-only; the service itself has no such endpoint.
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send?.({ heapUsed, rss });
  });
  // The IPC channel must not keep the process alive on its own.
  process.channel?.unref();
}
