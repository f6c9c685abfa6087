// Browser stand-in for Electron's preload: defines `window.dialer` with the same shape
// (invoke + on) over HTTP to the browser bridge. Served by test/harness/browser-bridge.ts
// under the page's secret path, so every URL here is relative to the page.
/* global document, window, EventSource */
(() => {
  const bridgeBase = new URL('__bridge/', document.baseURI);
  let events;

  async function invoke(channel, request) {
    try {
      const response = await fetch(new URL(`invoke/${encodeURIComponent(channel)}`, bridgeBase), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        // `undefined` (a request-less channel) travels as an empty object marker.
        body: JSON.stringify({ request }),
      });

      return await response.json();
    } catch (error) {
      return {
        ok: false,
        error: { code: 'internal', message: `The test bridge did not answer: ${error}` },
      };
    }
  }

  function connect() {
    if (events) return events;

    events = new EventSource(new URL('events', bridgeBase));

    return events;
  }

  function on(eventName, listener) {
    const source = connect();
    const wrapped = (message) => listener(JSON.parse(message.data));

    source.addEventListener(eventName, wrapped);

    return () => source.removeEventListener(eventName, wrapped);
  }

  Object.defineProperty(window, 'dialer', {
    value: Object.freeze({ invoke, on }),
    writable: false,
    configurable: false,
  });
})();
