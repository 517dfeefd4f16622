-- Headless end-to-end test: real Neovim, the gloss plugin in this directory
-- and the built `gloss lsp`, on a copy of the shipped glossary.
--
--   nvim --headless --clean -l editors/neovim/test/e2e.lua GLOSS_BIN WORKSPACE [CWD]
--
-- WORKSPACE is a scratch copy of gloss.toml and glossary/: the test edits it.
-- CWD (default WORKSPACE) is where Neovim starts: a folder above WORKSPACE
-- for a nested gloss.toml. Driven by tests/editors_nvim.rs. Exits non-zero
-- on the first failure.

local gloss_bin, workspace, cwd = _G.arg[1], _G.arg[2], _G.arg[3]
if not gloss_bin or not workspace then
  io.stderr:write('usage: nvim --headless --clean -l e2e.lua GLOSS_BIN WORKSPACE [CWD]\n')
  os.exit(2)
end
workspace = vim.fs.normalize(vim.fn.fnamemodify(workspace, ':p'))
cwd = vim.fs.normalize(vim.fn.fnamemodify(cwd or workspace, ':p'))
local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2))))
if not plugin_dir:match('^/') then
  plugin_dir = vim.fs.normalize(vim.fn.fnamemodify(plugin_dir, ':p'))
end

local TIMEOUT_MS = 20000

local function log(message)
  io.stdout:write(message .. '\n')
  io.stdout:flush()
end

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  local log_file = vim.lsp.log.get_filename()
  io.stderr:write('(LSP log: ' .. log_file .. ')\n')
  io.stderr:flush()
  os.exit(1)
end

local function check(condition, message)
  if not condition then
    fail(message)
  end
end

local function read(path)
  local file = io.open(path, 'r')
  check(file ~= nil, 'cannot read ' .. path)
  local text = file:read('*a')
  file:close()
  return text
end

local function write(path, text)
  local file = io.open(path, 'w')
  check(file ~= nil, 'cannot write ' .. path)
  file:write(text)
  file:close()
end

-- Setup exactly as docs/editors.md tells a user, with the built binary.
vim.opt.runtimepath:append(plugin_dir)
vim.cmd('filetype on')
vim.cmd.cd(vim.fn.fnameescape(cwd))
vim.lsp.log.set_level(vim.log.levels.WARN)
require('gloss').setup({ cmd = { gloss_bin, 'lsp' } })

local notifications = {}
vim.notify = function(message, level)
  table.insert(notifications, { message = message, level = level })
end

-- 0. A missing binary is a visible warning, once.
check(require('gloss').warn_if_missing({ workspace .. '/no-such-gloss', 'lsp' }), 'no warning for a missing binary')
check(
  #notifications == 1
    and notifications[1].level == vim.log.levels.WARN
    and notifications[1].message:find('cannot run', 1, true),
  'the missing-binary warning: ' .. vim.inspect(notifications)
)
check(not require('gloss').warn_if_missing({ workspace .. '/no-such-gloss', 'lsp' }), 'warned twice')
notifications = {}
log('ok - a missing gloss binary is a visible warning')

--- Open `path`, wait until the gloss client has attached and initialized.
local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local client
  local attached = vim.wait(TIMEOUT_MS, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'gloss' })[1]
    return client ~= nil and client.initialized
  end, 20)
  check(attached, ('gloss did not attach to %s (filetype %s)'):format(path, vim.bo[buf].filetype))
  return buf, client
end

--- The (0-based) line and UTF-8 byte column of the first `needle` at or after
--- the start of a line matching `line_pattern`.
local function find(buf, needle, line_pattern)
  for idx, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line_pattern == nil or line:match(line_pattern) then
      local col = line:find(needle, 1, true)
      if col then
        return idx - 1, col - 1
      end
    end
  end
  fail(('`%s` not found in %s'):format(needle, vim.api.nvim_buf_get_name(buf)))
end

--- Hover at a byte position, as the user's `K` would; returns the text.
local function hover(buf, client, line, col)
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local response = client:request_sync('textDocument/hover', params, TIMEOUT_MS, buf)
  check(response ~= nil, 'hover timed out')
  check(response.err == nil, 'hover failed: ' .. vim.inspect(response.err))
  local result = response.result
  check(result ~= nil and result.contents ~= nil, ('no hover at %d:%d'):format(line + 1, col + 1))
  local contents = result.contents
  if type(contents) == 'table' and contents.value then
    return contents.value
  end
  return table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n')
end

--- Wait until the buffer's gloss diagnostics satisfy `predicate`.
local function wait_diagnostics(buf, what, predicate)
  local diagnostics
  local ok = vim.wait(TIMEOUT_MS, function()
    diagnostics = vim.diagnostic.get(buf)
    return predicate(diagnostics)
  end, 20)
  if not ok then
    local seen = vim.tbl_map(function(d)
      return ('%d:%d %s %s'):format(d.lnum + 1, d.col + 1, tostring(d.code), d.message)
    end, diagnostics or {})
    fail(('timed out waiting for %s; diagnostics: %s'):format(what, vim.inspect(seen)))
  end
  return diagnostics
end

local function with_code(code)
  return function(diagnostics)
    for _, d in ipairs(diagnostics) do
      if d.code == code then
        return d
      end
    end
  end
end

local function has_code(code)
  return function(diagnostics)
    return with_code(code)(diagnostics) ~= nil
  end
end

-- 1. A clean term file: the term-file filetype, hovers.
local pom_path = workspace .. '/glossary/product-operations-manager.yaml'
local pom, client = open(pom_path)
check(vim.bo[pom].filetype == 'yaml.gloss', 'term file filetype is ' .. vim.bo[pom].filetype)
check(client.config.root_dir == workspace, 'root_dir is ' .. tostring(client.config.root_dir))
log('ok - gloss attached to a term file (filetype yaml.gloss, root ' .. workspace .. ')')

wait_diagnostics(pom, 'no errors on a clean shipped term', function(diagnostics)
  for _, d in ipairs(diagnostics) do
    if d.severity == vim.diagnostic.severity.ERROR then
      return false
    end
  end
  return true
end)

local line, col = find(pom, 'Product Manager?', '^%s*%- question: How does')
local text = hover(pom, client, line, col + 3)
check(text:find('**Product Manager**', 1, true), 'mention hover lacks the term name:\n' .. text)
check(text:find('accountable for deciding', 1, true), "mention hover lacks the term's definition:\n" .. text)
log('ok - hover on a term mention shows its definition')

line, col = find(pom, 'product-manager', '^related:')
text = hover(pom, client, line, col + 2)
check(text:find('**Product Manager**', 1, true), 'related hover lacks the term name:\n' .. text)
log('ok - hover on a related slug shows the term')

line, col = find(pom, 'SPRINT', '^%s*word:')
text = hover(pom, client, line, col + 1)
check(
  text:find('Mastered Product Operations Manager? Now try to guess the related 6-letter word!', 1, true),
  'challenge hover lacks the prompt:\n' .. text
)
check(text:find('6', 1, true), 'challenge hover lacks the letter count:\n' .. text)
log('ok - hover on the challenge word shows the challenge preview')

-- 2. A broken copy: diagnostics arrive, a quick fix repairs the buffer.
local kanban_path = workspace .. '/glossary/kanban.yaml'
local kanban_text = read(kanban_path)
local broken, n = kanban_text:gsub('(\n  %- question: [^\n]-)%?\n', '%1\n', 1)
check(n == 1, 'kanban.yaml has no question to break')
write(kanban_path, broken)
local kanban, kanban_client = open(kanban_path)
check(kanban_client.id == client.id, 'a second server started for the same glossary')
local diagnostics = wait_diagnostics(kanban, 'faq-not-a-question on the broken copy', has_code('faq-not-a-question'))
local diagnostic = with_code('faq-not-a-question')(diagnostics)
check(diagnostic.source == 'gloss', 'diagnostic source is ' .. tostring(diagnostic.source))
local fixed_line = diagnostic.lnum
check(
  not vim.api.nvim_buf_get_lines(kanban, fixed_line, fixed_line + 1, false)[1]:match('%?%s*$'),
  'the flagged line already ends with ?'
)
log('ok - diagnostics on a broken copy: ' .. diagnostic.message)

local lsp_diagnostic = diagnostic.user_data and diagnostic.user_data.lsp
check(lsp_diagnostic ~= nil, 'diagnostic lacks its LSP form')
local response = client:request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(kanban) },
  range = lsp_diagnostic.range,
  context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
}, TIMEOUT_MS, kanban)
check(response ~= nil and response.err == nil, 'codeAction failed: ' .. vim.inspect(response))
local action
for _, candidate in ipairs(response.result or {}) do
  if candidate.kind == 'quickfix' and (candidate.edit or candidate.command) then
    action = candidate
    break
  end
end
check(action ~= nil, 'no quick fix offered: ' .. vim.inspect(response.result))
if action.edit then
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
else
  client:exec_cmd(action.command, { bufnr = kanban })
end
local fixed = vim.wait(TIMEOUT_MS, function()
  local current = vim.api.nvim_buf_get_lines(kanban, fixed_line, fixed_line + 1, false)[1] or ''
  return current:match('%?%s*$') ~= nil
end, 20)
check(fixed, 'the quick fix did not append `?`: ' .. vim.inspect(action))
local expected = kanban_text:gsub('\r\n', '\n')
check(
  table.concat(vim.api.nvim_buf_get_lines(kanban, 0, -1, false), '\n') .. '\n' == expected,
  'the buffer after the quick fix differs from the original file'
)
wait_diagnostics(kanban, 'faq-not-a-question to clear after the fix', function(d)
  return not has_code('faq-not-a-question')(d)
end)
log('ok - quick fix "' .. action.title .. '" changed the buffer and cleared the diagnostic')

-- 3. Typing: an edit in the buffer (incremental sync) brings a new finding.
line, col = find(kanban, 'definition:', '^definition:')
vim.api.nvim_buf_set_text(kanban, line, col, line, col + #'definition', { 'defintion' })
diagnostics = wait_diagnostics(kanban, 'unknown-field after an edit', has_code('unknown-field'))
check(
  with_code('unknown-field')(diagnostics).message:find('definition', 1, true),
  'unknown-field message lacks the suggestion'
)
log('ok - an edit in the buffer brings unknown-field with a did-you-mean')

-- 4. Markdown docs: hover on a term mention.
local notes_path = workspace .. '/notes.md'
write(notes_path, '# Notes\n\nEvery Product Owner keeps the backlog in order.\n')
local notes, notes_client = open(notes_path)
check(notes_client.id == client.id, 'a second server started for a Markdown doc')
line, col = find(notes, 'Product Owner')
text = hover(notes, client, line, col + 2)
check(text:find('**Product Owner**', 1, true), 'Markdown hover lacks the term:\n' .. text)
log('ok - hover on a term mention in Markdown')

-- 4b. A Markdown file under no gloss.toml (above a nested one) gets no server.
if cwd ~= workspace then
  local outside = cwd .. '/README.md'
  write(outside, '# Repo\n\nA Product Owner works here too.\n')
  vim.cmd.edit(vim.fn.fnameescape(outside))
  local outside_buf = vim.api.nvim_get_current_buf()
  vim.wait(500, function()
    return #vim.lsp.get_clients({ bufnr = outside_buf, name = 'gloss' }) > 0
  end, 20)
  check(#vim.lsp.get_clients({ bufnr = outside_buf, name = 'gloss' }) == 0, 'gloss attached outside every glossary')
  log('ok - no gloss client for Markdown outside the glossary')
  -- :GlossNew runs in the project of the current buffer.
  vim.cmd.buffer(notes)
end

-- 5. :GlossNew creates a term file through `gloss new` and opens it.
vim.cmd('GlossNew Net Revenue Retention')
local new_path = workspace .. '/glossary/net-revenue-retention.yaml'
check(vim.api.nvim_buf_get_name(0) == new_path, ':GlossNew opened ' .. vim.api.nvim_buf_get_name(0))
check(vim.uv.fs_stat(new_path) ~= nil, ':GlossNew did not create ' .. new_path)
check(vim.bo.filetype == 'yaml.gloss', 'the new term has filetype ' .. vim.bo.filetype)
local created_buf = open(new_path)
wait_diagnostics(created_buf, 'the new term to be checked (challenge-word-unrelated)', has_code('challenge-word-unrelated'))
notifications = {}
vim.cmd('GlossNew Net Revenue Retention')
check(
  #notifications == 1 and notifications[1].message:find('already exists', 1, true),
  'a second :GlossNew did not refuse: ' .. vim.inspect(notifications)
)
log('ok - :GlossNew creates and opens the term; a second call refuses')

-- 6. :GlossPreview starts `gloss preview` and opens the term's page.
local opened = {}
vim.ui.open = function(url)
  table.insert(opened, url)
end
open(workspace .. '/glossary/sprint.yaml')
vim.cmd('GlossPreview')
check(vim.wait(TIMEOUT_MS, function()
  return #opened > 0
end, 20), ':GlossPreview opened nothing: ' .. vim.inspect(notifications))
check(opened[1]:match('^http://127%.0%.0%.1:%d+/sprint/$') ~= nil, ':GlossPreview opened ' .. opened[1])
local page = vim.system({ 'curl', '-s', opened[1] }, { text = true }):wait()
if page.code == 0 then
  check((page.stdout or ''):find('Mastered Sprint?', 1, true) ~= nil, 'the preview page lacks the prompt')
end
vim.cmd('GlossPreview')
check(vim.wait(2000, function()
  return #opened > 1
end, 20) and opened[2] == opened[1], 'a second :GlossPreview started another server: ' .. vim.inspect(opened))
-- os.exit skips VimLeavePre: stop the server here.
require('gloss').stop_previews()
log('ok - :GlossPreview opens the page from one gloss preview')

-- Shut the server down cleanly: it must exit on shutdown/exit.
client:stop()
local stopped = vim.wait(TIMEOUT_MS, function()
  return client:is_stopped()
end, 20)
check(stopped, 'the server did not stop')
log('ok - the server shut down')
os.exit(0)
