import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoText, testApp } from '../helpers/app.js';

describe('JSON API', () => {
  it('POST /api/articles answers 201 with the id and findings', async () => {
    const { web } = testApp();
    const res = await web.api.post('/api/articles').send({ title: 'Demo', text: demoText }).expect(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers.location).toBe(`/api/articles/${res.body.id}`);
    expect(res.body.id).toBeTypeOf('number');
    expect(res.body.findings.length).toBeGreaterThan(5);
    expect(res.body.findings[0]).toMatchObject({ check: expect.any(String), fingerprint: expect.any(String), dismissed: false });
  });

  it('POST /api/articles with a known external id updates that article and answers 200', async () => {
    const { web, ctx } = testApp();
    const created = await web.api.post('/api/articles').send({ text: 'Talks in Kiev.\n\nA second paragraph.', externalId: 'cms:2026/11/42' }).expect(201);
    const updated = await web.api.post('/api/articles').send({ text: 'Talks in Kiev.\n\nAn updated second paragraph.', externalId: 'cms:2026/11/42' }).expect(200);
    expect(updated.body).toMatchObject({ id: created.body.id, created: false });
    expect(ctx.repos.articles.find(created.body.id as number)!.aiText).toContain('An updated second paragraph.');
    await web.api.post('/api/articles').send({ text: 'x', externalId: 'with spaces' }).expect(422);
  });

  it('GET /api/articles/:id and /findings return the stored article and findings', async () => {
    const { web } = testApp();
    const { body } = await web.api.post('/api/articles').send({ text: demoText, source: 'Текст', sourceLang: 'uk', targetLang: 'en' }).expect(201);
    const article = await web.api.get(`/api/articles/${body.id}`).expect(200);
    expect(article.body).toMatchObject({ id: body.id, sourceLang: 'uk', targetLang: 'en', status: 'new', sourceText: 'Текст' });
    const countOf = (severity: string) => (body.findings as { severity: string }[]).filter((f) => f.severity === severity).length;
    expect(article.body.openFindings).toEqual({ error: countOf('error'), warning: countOf('warning'), info: countOf('info') });
    expect(countOf('error')).toBeGreaterThan(0);
    const findings = await web.api.get(`/api/articles/${body.id}/findings`).expect(200);
    expect(findings.body).toEqual(body.findings);
  });

  it('GET /api/articles lists articles', async () => {
    const { web } = testApp();
    await web.api.post('/api/articles').send({ text: 'In Kiev today.', title: 'One' }).expect(201);
    const res = await web.api.get('/api/articles?check=terms').expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1 });
  });

  it('answers malformed JSON with 400', async () => {
    const { web } = testApp();
    const res = await web.api.post('/api/articles').set('Content-Type', 'application/json').send('{"text": ').expect(400);
    expect(res.body.error.message).toMatch(/Malformed/);
  });

  it('answers a missing or empty text with 422 naming the field', async () => {
    const { web } = testApp();
    const missing = await web.api.post('/api/articles').send({ title: 'No text' }).expect(422);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: 'text' })]);
    await web.api.post('/api/articles').send({ text: '   ' }).expect(422);
    await web.api.post('/api/articles').send({ text: 'Fine', targetLang: 'not a language' }).expect(422);
  });

  it('answers an unknown id with 404', async () => {
    const { web } = testApp();
    const res = await web.api.get('/api/articles/999').expect(404);
    expect(res.body.error).toMatchObject({ status: 404, message: expect.any(String) });
    await web.api.get('/api/articles/abc/findings').expect(404);
    await web.api.get('/api/nothing').expect(404).expect('Content-Type', /json/);
  });

  it('answers a body over the limit with 413', async () => {
    const { web } = testApp();
    const res = await web.api.post('/api/articles').send({ text: 'x'.repeat(100 * 1024) }).expect(413);
    expect(res.body.error.message).toMatch(/too large/);
  });

  it('answers another content type with 415', async () => {
    const { web } = testApp();
    await web.api.post('/api/articles').set('Content-Type', 'text/plain').send('In Kiev').expect(415);
    await web.api.post('/api/articles').type('form').send({ text: 'In Kiev' }).expect(415);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with a small JSON body when the database is reachable', async () => {
    const { web } = testApp();
    const res = await web.api.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: true });
  });

  it('answers 503 when it is not', async () => {
    const { app, db } = testApp();
    db.close();
    await request(app).get('/healthz').expect(503);
  });
});
