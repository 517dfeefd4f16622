-- gloss for Neovim 0.11+: the `gloss lsp` language server through the
-- built-in client (vim.lsp.config + vim.lsp.enable), the `yaml.gloss`
-- filetype for term files, and :GlossNew / :GlossChallenge / :GlossPreview.
--
--   vim.opt.runtimepath:append('/path/to/gloss/editors/neovim')
--   require('gloss').setup()

local M = {}

--- The configuration `setup()` hands to vim.lsp.config('gloss', ...).
M.defaults = {
  cmd = { 'gloss', 'lsp' },
  -- Term files get `yaml.gloss` (YAML syntax, plus this server); Markdown docs
  -- get hovers on term mentions.
  filetypes = { 'yaml.gloss', 'markdown' },
  root_markers = { 'gloss.toml' },
}

--- `[glossary] root` from a gloss.toml text; the default is `glossary` (docs/config.md).
--- A small reader for that one key: the server reports a malformed config.
function M.root_from_toml(text)
  local section = nil
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    line = vim.trim((line:gsub('\r$', ''):gsub('^\239\187\191', '')))
    local header = line:match('^%[%s*([^%]]-)%s*%]%s*$') or line:match('^%[%s*([^%]]-)%s*%]%s*#')
    if header then
      section = header
    elseif section == 'glossary' then
      local value = line:match('^root%s*=%s*"([^"]*)"') or line:match("^root%s*=%s*'([^']*)'")
      if value and vim.trim(value) ~= '' then
        return value
      end
    end
  end
  return 'glossary'
end

local function read_file(path)
  local file = io.open(path, 'r')
  if not file then
    return nil
  end
  local text = file:read('*a')
  file:close()
  return text
end

local function is_absolute(path)
  return path:sub(1, 1) == '/' or path:match('^%a:[/\\]') ~= nil
end

--- The absolute glossary root that governs `path`, from the nearest
--- gloss.toml above it; nil without one.
function M.glossary_root(path)
  local config = vim.fs.find('gloss.toml', { upward = true, path = vim.fs.dirname(path), type = 'file' })[1]
  if not config then
    return nil
  end
  local root = M.root_from_toml(read_file(config) or '')
  if not is_absolute(root) then
    root = vim.fs.joinpath(vim.fs.dirname(config), root)
  end
  return vim.fs.normalize(root)
end

--- Whether `path` is a term file: YAML under the glossary root of the
--- nearest gloss.toml above it. Without one it is no term file, as the
--- server and `gloss lint` see it.
function M.is_term_file(path)
  if path == nil or path == '' or not path:match('%.ya?ml$') then
    return false
  end
  path = vim.fs.normalize(vim.fn.fnamemodify(path, ':p'))
  local root = M.glossary_root(path)
  return root ~= nil and path:sub(1, #root + 1) == root .. '/'
end

--- The directory of the nearest gloss.toml at or above `path`'s directory:
--- the rule of `gloss lint` and of the server, so a project whose folder is
--- the glossary itself, or holds a nested gloss.toml, finds the right one.
function M.project_root(path)
  if path == nil or path == '' then
    return nil
  end
  path = vim.fs.normalize(vim.fn.fnamemodify(path, ':p'))
  local config = vim.fs.find('gloss.toml', { upward = true, path = vim.fs.dirname(path), type = 'file' })[1]
  return config and vim.fs.dirname(config) or nil
end

local warned_missing = false

--- A visible warning, once per session, when the server binary cannot be
--- run: without it nothing else would appear on screen.
function M.warn_if_missing(cmd)
  if warned_missing or type(cmd) ~= 'table' or vim.fn.executable(cmd[1]) == 1 then
    return false
  end
  warned_missing = true
  vim.notify(
    ('gloss: cannot run `%s`: install gloss (cargo install --locked --path crates/gloss-cli) '
      .. "or pass its full path: require('gloss').setup({ cmd = { '/path/to/gloss', 'lsp' } })"):format(cmd[1]),
    vim.log.levels.WARN,
    { title = 'gloss' }
  )
  return true
end

--- The directory `gloss` runs in for a buffer: its project (the directory of
--- gloss.toml), else the working directory.
local function project_dir(bufnr)
  return M.project_root(vim.api.nvim_buf_get_name(bufnr or 0)) or vim.fn.getcwd()
end

local function notify_failure(what, result)
  local message = vim.trim(result.stderr or '')
  if message == '' then
    message = ('exit %s'):format(tostring(result.code))
  end
  vim.notify(('%s: %s'):format(what, message), vim.log.levels.ERROR, { title = 'gloss' })
end

--- :GlossNew {name}: `gloss new "{name}"`, then edit the new file.
function M.new_term(name, gloss)
  name = vim.trim(name or '')
  if name == '' then
    name = vim.trim(vim.fn.input('Term name: '))
  end
  if name == '' then
    return nil
  end
  local cwd = project_dir(0)
  local ok, result = pcall(function()
    return vim.system({ gloss, 'new', name }, { cwd = cwd, text = true }):wait()
  end)
  if not ok then
    vim.notify(('gloss new: cannot run %s: %s'):format(gloss, result), vim.log.levels.ERROR, { title = 'gloss' })
    return nil
  end
  if result.code ~= 0 then
    notify_failure('gloss new', result)
    return nil
  end
  local created = vim.trim(vim.split(result.stdout or '', '\n', { trimempty = true })[1] or '')
  if not is_absolute(created) then
    created = vim.fs.joinpath(cwd, created)
  end
  vim.cmd.edit(vim.fn.fnameescape(created))
  return created
end

--- :GlossChallenge: `gloss challenge <slug>` for the current term file, in a
--- scratch split.
function M.preview_challenge(gloss)
  local path = vim.api.nvim_buf_get_name(0)
  if not M.is_term_file(path) then
    vim.notify('gloss: open a term file (glossary/<slug>.yaml) to preview its challenge', vim.log.levels.WARN)
    return
  end
  local slug = vim.fn.fnamemodify(path, ':t:r')
  local ok, result = pcall(function()
    return vim.system({ gloss, 'challenge', slug }, { cwd = vim.fs.dirname(path), text = true }):wait()
  end)
  if not ok then
    vim.notify(('gloss challenge: cannot run %s: %s'):format(gloss, result), vim.log.levels.ERROR)
    return
  end
  -- Exit 1: the challenge has findings, which the preview lists.
  if result.code ~= 0 and result.code ~= 1 then
    notify_failure('gloss challenge', result)
    return
  end
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(result.stdout or '', '\n', { trimempty = true }))
  vim.bo[buf].modifiable = false
  pcall(vim.api.nvim_buf_set_name, buf, ('gloss challenge %s'):format(slug))
end

--- `gloss preview` servers started by :GlossPreview, per project directory.
local previews = {}

--- :GlossPreview: the current term's page in the browser, from a `gloss
--- preview` of its project (started on first use, stopped when Neovim exits;
--- it prints its URL on 127.0.0.1 first, and the page reloads on save).
function M.preview_page(gloss)
  local path = vim.api.nvim_buf_get_name(0)
  if not M.is_term_file(path) then
    vim.notify('gloss: open a term file (glossary/<slug>.yaml) to preview its page', vim.log.levels.WARN)
    return
  end
  local slug = vim.fn.fnamemodify(path, ':t:r')
  local root = M.project_root(path) or vim.fs.dirname(path)
  local function open(base)
    local url = base .. slug .. '/'
    vim.notify('gloss preview: ' .. url, vim.log.levels.INFO, { title = 'gloss' })
    if vim.ui.open then
      pcall(vim.ui.open, url)
    end
  end
  local running = previews[root]
  if running and running.url then
    open(running.url)
    return
  end
  local state = { stdout = '', stderr = '' }
  previews[root] = state
  local ok, proc = pcall(vim.system, { gloss, 'preview' }, {
    cwd = root,
    text = true,
    stdout = function(_, data)
      if not data or state.url then
        return
      end
      state.stdout = state.stdout .. data
      local base = state.stdout:match('^(http://127%.0%.0%.1:%d+/)[^\n]*\n')
      if base then
        state.url = base
        vim.schedule(function()
          open(base)
        end)
      end
    end,
    stderr = function(_, data)
      state.stderr = state.stderr .. (data or '')
    end,
  }, function(result)
    if previews[root] == state then
      previews[root] = nil
    end
    if not state.url then
      vim.schedule(function()
        notify_failure('gloss preview', { code = result.code, stderr = state.stderr })
      end)
    end
  end)
  if not ok then
    previews[root] = nil
    vim.notify(('gloss preview: cannot run %s: %s'):format(gloss, proc), vim.log.levels.ERROR, { title = 'gloss' })
    return
  end
  state.proc = proc
end

--- Stops every `gloss preview` :GlossPreview started (also on VimLeavePre).
function M.stop_previews()
  for root, state in pairs(previews) do
    if state.proc then
      pcall(state.proc.kill, state.proc, 15)
    end
    previews[root] = nil
  end
end

--- Set up gloss. `opts` is merged into the LSP config (e.g. `cmd`); the
--- extra key `enable = false` registers everything but leaves the server
--- off until you call vim.lsp.enable('gloss').
function M.setup(opts)
  opts = opts or {}
  local enable = opts.enable ~= false
  local config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  config.enable = nil
  -- Lists replace the defaults rather than merging index by index.
  config.cmd = opts.cmd or M.defaults.cmd
  config.filetypes = opts.filetypes or M.defaults.filetypes
  config.root_markers = opts.root_markers or M.defaults.root_markers
  local gloss = config.cmd[1]

  vim.filetype.add({
    pattern = {
      -- A function returning nil falls through to the usual `yaml`.
      ['.*%.ya?ml'] = function(path)
        if M.is_term_file(path) then
          return 'yaml.gloss'
        end
      end,
    },
  })
  -- Treesitter highlighting and YAML tooling keyed on the language still apply.
  pcall(vim.treesitter.language.register, 'yaml', 'yaml.gloss')

  config.root_dir = config.root_dir
    or function(bufnr, on_dir)
      -- The nearest gloss.toml above the buffer; none: no server (the
      -- server would have nothing to say there).
      local root = M.project_root(vim.api.nvim_buf_get_name(bufnr))
      if root then
        M.warn_if_missing(config.cmd)
        on_dir(root)
      end
    end

  vim.lsp.config('gloss', config)
  if enable then
    vim.lsp.enable('gloss')
  end

  vim.api.nvim_create_user_command('GlossNew', function(cmd)
    M.new_term(cmd.args, gloss)
  end, { nargs = '*', desc = 'gloss: create a term file (gloss new "Term Name") and edit it' })
  vim.api.nvim_create_user_command('GlossChallenge', function()
    M.preview_challenge(gloss)
  end, { nargs = 0, desc = "gloss: preview the current term's challenge" })
  vim.api.nvim_create_user_command('GlossPreview', function()
    M.preview_page(gloss)
  end, { nargs = 0, desc = "gloss: open the current term's page (gloss preview) in the browser" })
  vim.api.nvim_create_autocmd('VimLeavePre', {
    group = vim.api.nvim_create_augroup('gloss_preview', { clear = true }),
    callback = M.stop_previews,
  })
end

return M
