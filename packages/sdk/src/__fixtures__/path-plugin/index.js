// A third-party plugin as plain JavaScript, loaded by path. It needs nothing but the SDK's
// plugin shape, which a compiled plugin package would produce with definePlugin.
const { definePlugin, z } = require('@paradox/sdk');

module.exports = definePlugin({
  id: 'path-plugin',
  version: '1.0.0',
  description: 'Loaded from a path',
  agents: {
    idler: { description: 'Does nothing', config: z.object({}), create: () => ({ start() {} }) },
  },
});
