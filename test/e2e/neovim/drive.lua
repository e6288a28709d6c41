-- Drives the Marginalia language server from a real, headless Neovim 0.7 and writes what the
-- editor saw as JSON. Run by test/e2e/neovim.test.ts:
--
--   MARGINALIA_E2E_PLAN=plan.json nvim --headless --clean -n -i NONE -u drive.lua
--
-- plan.json: {
--   root = "/abs/workspace",                  -- workspace folder (also the server's root_dir)
--   cmd = { "/usr/bin/node", "/abs/bin/marginalia-language-server.js", "--stdio" },
--   initializationOptions = { bundledGlossary = false },
--   open = "essays/exile.md",                 -- essay to edit, relative to root
--   at = "Trotsky",                           -- literal text; the cursor goes to its first occurrence
--   out = "/abs/report.json",                 -- where the report goes
--   waitMs = 20000,                           -- per wait (index, each request, the jump)
-- }
--
-- The report holds raw LSP answers, untouched: `hover`, `definition`, `references` (the
-- `result` of buf_request_sync for this client), `diagnostics` (the last
-- textDocument/publishDiagnostics per URI, every field kept, relatedInformation included),
-- `publishCount` per URI, plus what Neovim itself made of them: `jump` (where
-- vim.lsp.buf.definition() landed) and `editorDiagnostics` (vim.diagnostic.get on the essay).
-- On any failure `error` is set and Neovim exits with status 2; it always exits.

local report = { steps = {}, diagnostics = vim.empty_dict(), publishCount = vim.empty_dict() }
local plan
local client_id
local server_exit

local function step(name)
  table.insert(report.steps, name)
end

local function write_report()
  local out = plan and plan.out or os.getenv('MARGINALIA_E2E_OUT') or 'marginalia-e2e-report.json'
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
end

local function wait_for(what, predicate)
  if not vim.wait(plan.waitMs or 20000, predicate, 20) then
    error('timed out waiting for ' .. what, 0)
  end
end

-- One request through the editor's own client; returns the raw `result` of this client.
local function request(bufnr, method, params)
  step(method)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, plan.waitMs or 20000)
  if not answers then
    error(method .. ' failed: ' .. tostring(err), 0)
  end
  local answer = answers[client_id]
  if not answer then
    error(method .. ': no answer from the marginalia client', 0)
  end
  if answer.error then
    error(method .. ' returned an error: ' .. vim.inspect(answer.error), 0)
  end
  if answer.result == nil then
    return vim.NIL
  end
  return answer.result
end

local function main()
  local plan_path = assert(os.getenv('MARGINALIA_E2E_PLAN'), 'MARGINALIA_E2E_PLAN is not set')
  plan = vim.fn.json_decode(table.concat(vim.fn.readfile(plan_path), '\n'))
  report.nvim = vim.version()
  report.lspLog = vim.lsp.get_log_path()

  step('start_client')
  client_id = vim.lsp.start_client({
    name = 'marginalia',
    cmd = plan.cmd,
    cmd_cwd = plan.root,
    root_dir = plan.root,
    workspace_folders = { { uri = vim.uri_from_fname(plan.root), name = 'fixture' } },
    init_options = plan.initializationOptions,
    handlers = {
      ['marginalia/indexed'] = function(_, result)
        report.indexed = result
      end,
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        report.diagnostics[result.uri] = result.diagnostics
        report.publishCount[result.uri] = (report.publishCount[result.uri] or 0) + 1
        -- and let the editor show them as it normally would
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then
    error('vim.lsp.start_client returned nil (could not start ' .. vim.inspect(plan.cmd) .. ')', 0)
  end

  step('open')
  local essay = plan.root .. '/' .. plan.open
  vim.cmd('edit ' .. vim.fn.fnameescape(essay))
  local bufnr = vim.api.nvim_get_current_buf()
  local essay_uri = vim.uri_from_bufnr(bufnr)
  report.essayUri = essay_uri
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    error('vim.lsp.buf_attach_client failed', 0)
  end

  step('marginalia/indexed')
  wait_for('marginalia/indexed', function()
    return report.indexed ~= nil
  end)
  -- The server publishes every file's diagnostics before it sends marginalia/indexed, and
  -- Neovim handles messages in order: the diagnostics are complete now.

  step('cursor')
  vim.fn.cursor(1, 1)
  if vim.fn.search('\\V' .. vim.fn.escape(plan.at, '\\'), 'cW') == 0 then
    error('"' .. plan.at .. '" is not in ' .. plan.open, 0)
  end
  local params = vim.lsp.util.make_position_params()
  report.position = params.position

  report.hover = request(bufnr, 'textDocument/hover', params)
  report.definition = request(bufnr, 'textDocument/definition', params)
  report.references = request(bufnr, 'textDocument/references', vim.tbl_extend('force', params, {
    context = { includeDeclaration = true },
  }))

  -- Go to definition the way a user does: Neovim's own handler jumps to the location.
  step('jump')
  vim.lsp.buf.definition()
  wait_for('vim.lsp.buf.definition() to leave the essay', function()
    return vim.api.nvim_get_current_buf() ~= bufnr
  end)
  local cursor = vim.api.nvim_win_get_cursor(0)
  report.jump = { file = vim.api.nvim_buf_get_name(0), line = cursor[1] - 1, byteColumn = cursor[2] }

  step('editorDiagnostics')
  report.editorDiagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.editorDiagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
    })
  end

  step('stop')
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function()
    return server_exit ~= nil
  end)
  report.serverExit = server_exit
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(main, debug.traceback)
      if not ok then
        report.error = tostring(err)
      end
      local written, write_err = pcall(write_report)
      if not written then
        io.stderr:write('could not write the report: ' .. tostring(write_err) .. '\n')
      end
      if client_id and not server_exit then
        vim.lsp.stop_client(client_id, true)
      end
      vim.cmd(ok and written and 'qall!' or 'cquit 2')
    end)
  end,
})
