-- Drives Neovim (0.7+) headless as an LSP client of `xent lsp --stdio`, then writes what it saw as JSON.
-- Arguments come from the environment: XENT_CLI (dist/cli.js), XENT_FILE (a .xent file), XENT_OUT (the JSON).
local cli = os.getenv('XENT_CLI')
local file = os.getenv('XENT_FILE')
local out = os.getenv('XENT_OUT')
local result = { diagnostics = {}, hover = nil, errors = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'xent'
  local client_id = vim.lsp.start_client({
    name = 'xent',
    cmd = { 'node', cli, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not client_id then error('start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message })
  end
  -- Hover on the loss name: the line holding 'loss:' and the first character of its value.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    local s = line:find('loss:%s*%a')
    if s then
      local col = line:find('%a', s + 5) - 1
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = i - 1, character = col } }
      local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
      for _, r in pairs(responses or {}) do
        if r.result and r.result.contents then
          local c = r.result.contents
          result.hover = type(c) == 'table' and (c.value or vim.fn.json_encode(c)) or c
        end
        if r.err then table.insert(result.errors, vim.fn.json_encode(r.err)) end
      end
      break
    end
  end
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
