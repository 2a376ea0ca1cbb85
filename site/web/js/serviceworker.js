// Registers the site's service worker, which keeps the page and its
// content-hashed files for later visits, with or without a network
// (docs/delivery.md, "The service worker"). Only the built site has one:
// the site build (site/cmd/build) defines NNSTEP_SERVICE_WORKER as its URL
// when it bundles the scripts. The sources served as they are, the offline
// file (file://) and an opaque origin (a sandboxed iframe without
// allow-same-origin) register nothing.
/* global NNSTEP_SERVICE_WORKER */
export function keepForLater() {
  if (typeof NNSTEP_SERVICE_WORKER !== 'string') return;
  if (window.NNSTEP_OFFLINE || !/^https?:$/.test(location.protocol)) return;
  let container;
  try {
    container = navigator.serviceWorker; // throws in an opaque origin
  } catch {
    return;
  }
  if (!container) return; // not a secure context, or not offered
  container.register(NNSTEP_SERVICE_WORKER).then(
    (registration) => {
      performance.mark('nn-sw');
      // Registering again does not look for a new deployment; update()
      // does (it fails without a network: the cached version stays).
      registration.update().catch(() => {});
    },
    (err) => console.info('nnstep: no service worker:', err.message));
}
