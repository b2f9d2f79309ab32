/**
 * The web benchmark's baseline: Express with one route that returns a short string, run as a
 * child process on PORT like the workbench server, so both are measured under the same conditions.
 * With PAGE_COPIES (a directory), it also sends each file there from memory at /copy/<file name>
 * (a .gz file as gzip-encoded HTML): the bytes of a workbench page served without any work, to
 * tell what sending and receiving the page costs from what producing it costs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

const port = Number(process.env.PORT);
const copiesDir = process.env.PAGE_COPIES;
const copies = new Map(copiesDir ? readdirSync(copiesDir).map((name) => [name, readFileSync(join(copiesDir, name))]) : []);

const server = express()
  .get('/', (_req, res) => {
    res.send('ok');
  })
  .get('/copy/:name', (req, res) => {
    const page = copies.get(req.params.name);
    if (page === undefined) res.sendStatus(404);
    else {
      if (req.params.name.endsWith('.gz')) res.set('Content-Encoding', 'gzip');
      res.type('html').send(page);
    }
  })
  .listen(port);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
